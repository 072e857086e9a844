import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../contracts/enums";
import { institution } from "../../../db/schema";
import { can } from "../../../domain/permissions";
import { Agent, areaPicker, makeCampaign, makeChecklistVersion, makeHazard, makeInstitution, makeUser, setUpTestApp, signedIn } from "../../../test/harness";
import { type Operation, operationsOf, urlOf } from "../../../test/openapi";

const ctx = setUpTestApp();
const area = areaPicker()();

/** Values no field can take: PostgreSQL refuses a NUL in text, and an unpaired surrogate has no UTF-8 form. */
const UNSTORABLE = { NUL: "兰考\u0000医院", "lone surrogate": "兰考\ud800医院" };

let operations: Operation[];
let agents: Partial<Record<Role | "anonymous", Agent>>;
let ids: Record<string, string>;

beforeAll(async () => {
  operations = await operationsOf(ctx.app);
  const own = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
  const colleague = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
  const recorded = await makeHazard(ctx.db, { institution: own, recordedBy: colleague });
  const planned = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions: [own] });
  ids = {
    institution: own.id,
    user: colleague.id,
    import: "7e0ee0cf-0000-4000-8000-000000000001",
    jurisdiction: area.county.code,
    hazard: recorded.id,
    campaign: planned.id,
  };
  ids.checklist = (await makeChecklistVersion(ctx.db, { authorityCode: area.county.code })).checklist.id;
  // Validation answers before any record is read: an id of the right form is enough for these kinds.
  Object.assign(ids, {
    expert: "7e0ee0cf-0000-4000-8000-000000000002",
    group: "7e0ee0cf-0000-4000-8000-000000000004",
    draw: "7e0ee0cf-0000-4000-8000-000000000005",
  });
  const anonymous = new Agent(ctx.app);
  await anonymous.get("/api/auth/session");
  agents = {
    anonymous,
    authority_admin: (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code })).agent,
    system_admin: (await signedIn(ctx, { role: "system_admin" })).agent,
    institution_admin: (await signedIn(ctx, { role: "institution_admin", institution: own })).agent,
  };
});

/** A caller who passes the route's access check, so the request reaches validation. */
function callerFor(operation: Operation): Agent {
  if (operation.access.kind === "public") return agents.anonymous as Agent;
  if (operation.access.kind === "signed-in") return agents.authority_admin as Agent;
  const { permission } = operation.access;
  const role = (["authority_admin", "system_admin", "institution_admin"] as const).find((r) => can(r, permission));
  if (!role) throw new Error(`no test user may call ${operation.method} ${operation.path}`);
  return agents[role] as Agent;
}

const validParams = (operation: Operation) =>
  Object.fromEntries(
    operation.parameters
      .filter((p) => p.in === "path")
      .map((p) => [p.name, p.schema.format === "date" ? "2026-06-01" : (ids[p.schema["x-references"] ?? "institution"] ?? "")]),
  );

/** Every string field of a body, and every parameter, of every route. */
function targets() {
  return operations.flatMap((operation) => [
    ...operation.parameters.map((parameter) => ({ operation, where: parameter.in, name: parameter.name, title: parameter.schema.title })),
    ...Object.entries(operation.body?.schema.properties ?? {})
      .filter(([, schema]) => schema.type === "string" || schema.enum !== undefined)
      .map(([name, schema]) => ({ operation, where: "body" as const, name, title: schema.title })),
  ]);
}

describe("text the database cannot store, sent to every field of every route of the OpenAPI", () => {
  it("covers the routes that take input", () => {
    expect(targets().length).toBeGreaterThan(40);
  });

  for (const [kind, value] of Object.entries(UNSTORABLE)) {
    it(`answers a ${kind} with 400 naming the field, never 500`, async () => {
      const failures: string[] = [];
      for (const { operation, where, name, title } of targets()) {
        // URLs carry percent-encoded UTF-8, where an unpaired surrogate cannot be written at all.
        if (where !== "body" && kind === "lone surrogate") continue;
        const params = { ...validParams(operation), ...(where === "path" ? { [name]: value } : {}) };
        const query = where === "query" ? { [name]: value } : {};
        const body = where === "body" ? { ...operation.body?.example, [name]: value } : operation.body?.example;
        const response = await callerFor(operation).request(operation.method, urlOf(operation, params, query), body === undefined ? {} : { json: body });
        const error = response.json().error;
        const named = error?.field === name && (!title || String(error.message).startsWith(`${title}：`));
        if (response.statusCode !== 400 || !named)
          failures.push(`${operation.method} ${operation.path} ${where}.${name} → ${response.statusCode} ${response.body.slice(0, 120)}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("updates replace the whole record: a field left out or null is refused, never reset", () => {
  it("every PUT route names a missing or null field and changes nothing", async () => {
    const puts = operations.filter((operation) => operation.method === "PUT" && operation.body);
    expect(puts.length).toBeGreaterThan(0);
    const before = await ctx.db
      .select()
      .from(institution)
      .where(eq(institution.id, ids.institution as string));
    const failures: string[] = [];
    for (const operation of puts) {
      for (const name of operation.body?.schema.required ?? []) {
        for (const body of [
          Object.fromEntries(Object.entries(operation.body?.example ?? {}).filter(([key]) => key !== name)),
          { ...operation.body?.example, [name]: null },
        ]) {
          const response = await callerFor(operation).request("PUT", urlOf(operation, validParams(operation)), { json: body });
          if (response.statusCode !== 400 || response.json().error.field !== name)
            failures.push(`${operation.path} without ${name} → ${response.statusCode} ${response.body.slice(0, 100)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(
      await ctx.db
        .select()
        .from(institution)
        .where(eq(institution.id, ids.institution as string)),
    ).toEqual(before);
  });
});
