import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { appUser, institution } from "../../db/schema";
import { inScope, type Scope, scopePath } from "./scope";

const dialect = new PgDialect();
const render = (condition: SQL | undefined) => {
  if (!condition) return undefined;
  const { sql, params } = dialect.sqlToQuery(condition);
  return { sql, params };
};

const INSTITUTIONS = { path: institution.jurisdictionPath, institutionId: institution.id };
const USERS = { path: appUser.jurisdictionPath, institutionId: appUser.institutionId };

describe("the one scope rule, over any table's jurisdiction path and institution", () => {
  const province: Scope = { kind: "jurisdiction", code: "410000", path: "/410000/", position: "root" };
  const city: Scope = { kind: "jurisdiction", code: "410200", path: "/410000/410200/", position: "branch" };
  const county: Scope = { kind: "jurisdiction", code: "410225", path: "/410000/410200/410225/", position: "leaf" };

  it("restricts nothing for the system", () => {
    expect(inScope({ kind: "all" }, INSTITUTIONS)).toBeUndefined();
  });

  it("costs nothing for the province on a table whose every row has a path, and leaves out pathless rows elsewhere", () => {
    expect(inScope(province, INSTITUTIONS)).toBeUndefined();
    expect(render(inScope(province, USERS))?.sql).toBe('"app_user"."jurisdiction_path" is not null');
  });

  it("matches a county by path equality and a city by path prefix", () => {
    expect(render(inScope(county, INSTITUTIONS))).toEqual({ sql: '"institution"."jurisdiction_path" = $1', params: ["/410000/410200/410225/"] });
    expect(render(inScope(city, USERS))).toEqual({ sql: '"app_user"."jurisdiction_path" like $1', params: ["/410000/410200/%"] });
  });

  it("gives an institution's users the rows of their institution only", () => {
    const own: Scope = { kind: "institution", institutionId: "7e0ee0cf-0000-4000-8000-000000000001", path: county.path };
    expect(render(inScope(own, USERS))).toEqual({ sql: '"app_user"."institution_id" = $1', params: [own.institutionId] });
    expect(render(inScope(own, INSTITUTIONS))).toEqual({ sql: '"institution"."id" = $1', params: [own.institutionId] });
  });

  it("records where the work of a scope belongs", () => {
    expect(scopePath(county)).toBe("/410000/410200/410225/");
    expect(scopePath({ kind: "all" })).toBeNull();
  });
});
