import { describe, expect, it } from "vitest";
import { HazardListQuery } from "../../../contracts/hazards";
import { setUpTestApp } from "../../../test/harness";
import { JurisdictionDirectory } from "../jurisdictions/directory";
import { hazardListPlan } from "./queries";

const ctx = setUpTestApp();
const directory = new JurisdictionDirectory();

describe("the ledger's capped count", () => {
  const city = directory.positionOf("410200");
  if (!city) throw new Error("reference data lacks 开封");
  const scope = { kind: "jurisdiction" as const, ...city };
  const query = HazardListQuery.parse({ q: "消防" });

  it("counts a scanned term along the scope's index, not by a sequential scan that starts wherever the table's last one stopped", async () => {
    // Province scale showed why: a city's count stopping at its cap took 3 ms or 0.5 s, by where the synchronized scan began.
    const scanned = hazardListPlan(ctx.db, directory, scope, query, "2026-06-01", "scan").count.toSQL().sql;
    expect(scanned).toMatch(/order by "hazard"\."jurisdiction_path" limit/);
    // What it answers is the count all the same.
    expect(await hazardListPlan(ctx.db, directory, scope, query, "2026-06-01", "scan").count).toEqual([{ total: 0 }]);
    // A term matched by the grams index is counted from the index's matches, in no order.
    expect(hazardListPlan(ctx.db, directory, scope, query, "2026-06-01", "index").count.toSQL().sql).not.toMatch(/order by/);
  });
});
