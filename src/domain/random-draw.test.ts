import { describe, expect, it } from "vitest";
import {
  canonicalPool,
  DRAW_ALGORITHM,
  DRAW_ALGORITHM_VERSION,
  type DrawParameters,
  type DrawPool,
  drawCount,
  type PoolInspector,
  rerunDraw,
  runDraw,
  type SpreadGroup,
  sameDrawResult,
  spreadOverGroups,
} from "./random-draw";

const pad = (n: number) => String(n).padStart(3, "0");
const institutions = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `inst-${pad(i)}`, name: `机构${pad(i)}` }));
const inspector = (i: number, extra: Partial<PoolInspector> = {}): PoolInspector => ({
  id: `insp-${pad(i)}`,
  kind: i % 2 === 0 ? "user" : "expert",
  name: `检查员${pad(i)}`,
  institutionId: null,
  conflictInstitutionIds: [],
  ...extra,
});

/** Forty institutions; twelve inspectors, some working in one of them and some with declared conflicts. */
const POOL: DrawPool = {
  institutions: institutions(40),
  inspectors: Array.from({ length: 12 }, (_, i) =>
    inspector(i, {
      institutionId: i < 4 ? `inst-${pad(i * 3)}` : null,
      conflictInstitutionIds: i >= 8 ? [`inst-${pad(i)}`, `inst-${pad(i + 10)}`, `inst-${pad(1)}`] : [],
    }),
  ),
};
const PARAMETERS: DrawParameters = { quantity: { kind: "count", count: 10 }, inspectorsPerInstitution: 2 };

function drawn(pool: DrawPool, parameters: DrawParameters, seed: string) {
  const outcome = runDraw(pool, parameters, seed);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
}

describe("the algorithm's name and version", () => {
  it("are recorded with every draw", () => {
    expect(DRAW_ALGORITHM).toBe("sha256-xoroshiro128plus-fisher-yates");
    expect(DRAW_ALGORITHM_VERSION).toBe(1);
  });

  it("gives the result version 1 has always given for a fixed pool and seed (a library upgrade that changes it fails here)", () => {
    const { result } = drawn(POOL, { quantity: { kind: "count", count: 4 }, inspectorsPerInstitution: 2 }, "2026年第二季度双随机抽查");
    expect(result.drawn.map((one) => [one.institutionId, ...one.inspectorIds])).toMatchInlineSnapshot(`
      [
        [
          "inst-009",
          "insp-004",
          "insp-000",
        ],
        [
          "inst-016",
          "insp-009",
          "insp-006",
        ],
        [
          "inst-012",
          "insp-002",
          "insp-005",
        ],
        [
          "inst-039",
          "insp-011",
          "insp-001",
        ],
      ]
    `);
  });
});

describe("reproducibility", () => {
  it("draws the same institutions and inspectors for the same pool, parameters and seed", () => {
    const first = drawn(POOL, PARAMETERS, "seed-A");
    const second = drawn(POOL, PARAMETERS, "seed-A");
    expect(second.result).toEqual(first.result);
    expect(sameDrawResult(first.result, second.result)).toBe(true);
  });

  it("compares results by their content, not the order of their keys (jsonb stores keys in its own order)", () => {
    const { result } = drawn(POOL, PARAMETERS, "seed-A");
    const reordered = { drawn: result.drawn.map(({ institutionId, inspectorIds, recusals }) => ({ recusals, inspectorIds, institutionId })) };
    expect(sameDrawResult(result, reordered)).toBe(true);
    const swapped = { drawn: result.drawn.map((one, i) => (i === 0 ? { ...one, inspectorIds: [...one.inspectorIds].reverse() } : one)) };
    expect(sameDrawResult(result, swapped)).toBe(false);
  });

  it("does not depend on the order or duplicates in which the pool is handed over", () => {
    const shuffled: DrawPool = {
      institutions: [...POOL.institutions].reverse().concat(POOL.institutions.slice(0, 5)),
      inspectors: [...POOL.inspectors].reverse().concat(POOL.inspectors.slice(0, 2)),
    };
    expect(drawn(shuffled, PARAMETERS, "seed-A").result).toEqual(drawn(POOL, PARAMETERS, "seed-A").result);
    expect(canonicalPool(shuffled)).toEqual(canonicalPool(POOL));
  });

  it("draws something else with another seed", () => {
    const a = drawn(POOL, PARAMETERS, "seed-A").result;
    const b = drawn(POOL, PARAMETERS, "seed-B").result;
    expect(sameDrawResult(a, b)).toBe(false);
    expect(a.drawn.map((one) => one.institutionId)).not.toEqual(b.drawn.map((one) => one.institutionId));
  });

  it("spreads draws over the pool: across many seeds every institution is drawn sometimes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) for (const one of drawn(POOL, PARAMETERS, `seed-${i}`).result.drawn) seen.add(one.institutionId);
    expect(seen.size).toBe(POOL.institutions.length);
  });
});

describe("constraints, for many seeds", () => {
  const parameterSets: DrawParameters[] = [
    PARAMETERS,
    { quantity: { kind: "ratio", percent: 100 }, inspectorsPerInstitution: 2 },
    { quantity: { kind: "count", count: 25 }, inspectorsPerInstitution: 3 },
  ];
  for (const parameters of parameterSets) {
    it(`holds for ${JSON.stringify(parameters)}: distinct institutions, ≥ 2 distinct eligible inspectors each, recusals recorded, load even`, () => {
      const byId = new Map(POOL.inspectors.map((one) => [one.id, one]));
      for (let i = 0; i < 300; i += 1) {
        const { result } = drawn(POOL, parameters, `constraint-${i}`);
        const ids = result.drawn.map((one) => one.institutionId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(drawCount(parameters.quantity, POOL.institutions.length));
        const load = new Map<string, number>();
        for (const one of result.drawn) {
          expect(one.inspectorIds.length).toBe(parameters.inspectorsPerInstitution);
          expect(one.inspectorIds.length).toBeGreaterThanOrEqual(2);
          expect(new Set(one.inspectorIds).size).toBe(one.inspectorIds.length);
          for (const id of one.inspectorIds) {
            const who = byId.get(id) as PoolInspector;
            expect(who.institutionId).not.toBe(one.institutionId);
            expect(who.conflictInstitutionIds).not.toContain(one.institutionId);
            load.set(id, (load.get(id) ?? 0) + 1);
          }
          const expectedRecusals = POOL.inspectors.filter(
            (who) => who.institutionId === one.institutionId || who.conflictInstitutionIds.includes(one.institutionId),
          );
          expect(one.recusals.map((r) => r.inspectorId).sort()).toEqual(expectedRecusals.map((who) => who.id).sort());
        }
        // Least-loaded first: nobody carries more than two institutions beyond anyone else (recusals can skew by one).
        const loads = POOL.inspectors.map((who) => load.get(who.id) ?? 0);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
      }
    });
  }

  it("names the reason of each recusal", () => {
    const pool: DrawPool = {
      institutions: institutions(1),
      inspectors: [inspector(0, { institutionId: "inst-000" }), inspector(1, { conflictInstitutionIds: ["inst-000"] }), inspector(2), inspector(3)],
    };
    const [only] = drawn(pool, PARAMETERS, "x").result.drawn;
    expect(only?.recusals).toEqual([
      { inspectorId: "insp-000", reason: "own_institution" },
      { inspectorId: "insp-001", reason: "declared_conflict" },
    ]);
    expect(only?.inspectorIds.sort()).toEqual(["insp-002", "insp-003"]);
  });
});

describe("an institution that cannot get enough inspectors", () => {
  const pool: DrawPool = {
    institutions: [
      { id: "a", name: "兰考县人民医院" },
      { id: "b", name: "兰考县中医院" },
      { id: "c", name: "城关乡卫生院" },
    ],
    inspectors: [
      inspector(0, { institutionId: "a", conflictInstitutionIds: ["b"] }),
      inspector(1, { conflictInstitutionIds: ["b"] }),
      inspector(2, { conflictInstitutionIds: ["a"] }),
    ],
  };

  it("fails the whole draw naming it, whatever the seed (so a seed cannot be picked to avoid it)", () => {
    for (const seed of ["1", "2", "3"]) {
      const outcome = runDraw(pool, { quantity: { kind: "count", count: 1 }, inspectorsPerInstitution: 2 }, seed);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.short.map((one) => one.id)).toEqual(["a", "b"]);
      expect(outcome.message).toContain("兰考县人民医院、兰考县中医院");
      expect(outcome.message).toContain("不足 2 名");
    }
  });

  it("fails with three inspectors per institution when only three are in the pool and one must recuse", () => {
    const outcome = runDraw(
      { institutions: institutions(2), inspectors: [inspector(0, { institutionId: "inst-001" }), inspector(1), inspector(2)] },
      { quantity: { kind: "count", count: 1 }, inspectorsPerInstitution: 3 },
      "s",
    );
    expect(outcome.ok ? [] : outcome.short.map((one) => one.name)).toEqual(["机构001"]);
  });

  it("refuses fewer than two inspectors per institution", () => {
    expect(() => runDraw(POOL, { quantity: { kind: "count", count: 1 }, inspectorsPerInstitution: 1 }, "s")).toThrow();
  });
});

describe("how many institutions are drawn", () => {
  it("takes a number as it is, at most the pool", () => {
    expect(drawCount({ kind: "count", count: 7 }, 40)).toBe(7);
    expect(drawCount({ kind: "count", count: 70 }, 40)).toBe(40);
    expect(drawCount({ kind: "count", count: 0 }, 40)).toBe(0);
  });

  it("rounds a ratio up, without floating-point surprises", () => {
    expect(drawCount({ kind: "ratio", percent: 3 }, 100)).toBe(3);
    expect(drawCount({ kind: "ratio", percent: 3 }, 101)).toBe(4);
    expect(drawCount({ kind: "ratio", percent: 5 }, 40)).toBe(2);
    expect(drawCount({ kind: "ratio", percent: 5 }, 41)).toBe(3);
    expect(drawCount({ kind: "ratio", percent: 0.01 }, 1)).toBe(1);
    expect(drawCount({ kind: "ratio", percent: 12.5 }, 80_000)).toBe(10_000);
    expect(drawCount({ kind: "ratio", percent: 100 }, 13)).toBe(13);
    expect(drawCount({ kind: "ratio", percent: 3 }, 0)).toBe(0);
  });
});

describe("re-running a recorded draw", () => {
  const record = { pool: POOL, parameters: PARAMETERS, seed: "record-seed", result: drawn(POOL, PARAMETERS, "record-seed").result };

  it("over the recorded pool reports no difference and the same result", () => {
    const report = rerunDraw(record, POOL);
    expect(report.sameResult).toBe(true);
    expect(report.difference).toEqual({ institutionsAdded: [], institutionsRemoved: [], inspectorsAdded: [], inspectorsRemoved: [] });
    expect(report.drawnAdded).toEqual([]);
    expect(report.drawnRemoved).toEqual([]);
  });

  it("over a changed pool reports the institutions added and removed, and that the result differs", () => {
    const today: DrawPool = {
      institutions: [...POOL.institutions.filter((one) => one.id !== "inst-005" && one.id !== "inst-017"), { id: "inst-900", name: "新设立的诊所" }],
      inspectors: POOL.inspectors,
    };
    const report = rerunDraw(record, today);
    expect(report.difference.institutionsAdded).toEqual([{ id: "inst-900", name: "新设立的诊所" }]);
    expect(report.difference.institutionsRemoved.map((one) => one.id)).toEqual(["inst-005", "inst-017"]);
    expect(report.difference.inspectorsAdded).toEqual([]);
    expect(report.sameResult).toBe(false);
    expect(report.outcome.ok).toBe(true);
    // Every institution no longer in the pool that had been drawn is reported as no longer drawn.
    const recordedIds = record.result.drawn.map((one) => one.institutionId);
    for (const gone of ["inst-005", "inst-017"].filter((id) => recordedIds.includes(id))) expect(report.drawnRemoved).toContain(gone);
  });

  it("reports an inspector who left the pool", () => {
    const report = rerunDraw(record, { institutions: POOL.institutions, inspectors: POOL.inspectors.slice(1) });
    expect(report.difference.inspectorsRemoved.map((one) => one.id)).toEqual(["insp-000"]);
    expect(report.difference.institutionsAdded).toEqual([]);
  });

  it("reports a draw that today's pool can no longer make", () => {
    const report = rerunDraw(record, { institutions: POOL.institutions, inspectors: POOL.inspectors.slice(0, 1) });
    expect(report.outcome.ok).toBe(false);
    expect(report.sameResult).toBe(false);
    expect(report.drawnRemoved.length).toBe(record.result.drawn.length);
  });
});

describe("spreading a campaign's institutions over its groups", () => {
  const ids = institutions(23).map((one) => one.id);
  const free = (id: string): SpreadGroup => ({ id, barred: new Set() });
  const groups = ["g1", "g2", "g3"].map(free);
  const sizesOf = (placed: Map<string, string>, of: SpreadGroup[]) => of.map((g) => [...placed.values()].filter((v) => v === g.id).length);

  it("gives every institution one group, group sizes differing by at most one", () => {
    const { placed, unplaced } = spreadOverGroups(ids, groups, "s");
    expect([...placed.keys()].sort()).toEqual(ids);
    expect(unplaced).toEqual([]);
    expect(sizesOf(placed, groups).sort()).toEqual([7, 8, 8]);
  });

  it("is reproducible by its seed and changes with it", () => {
    expect(spreadOverGroups([...ids].reverse(), groups, "s")).toEqual(spreadOverGroups(ids, groups, "s"));
    expect([...spreadOverGroups(ids, groups, "t").placed]).not.toEqual([...spreadOverGroups(ids, groups, "s").placed]);
  });

  it("never deals an institution to a group whose member must keep away from it, and leaves one every group must keep away from unplaced", () => {
    const barredByFirst = ids.slice(0, 10);
    const withRecusals: SpreadGroup[] = [
      { id: "g1", barred: new Set(barredByFirst) },
      { id: "g2", barred: new Set(["inst-000"]) },
      { id: "g3", barred: new Set(["inst-000"]) },
    ];
    const { placed, unplaced } = spreadOverGroups(ids, withRecusals, "s");
    expect(unplaced).toEqual(["inst-000"]);
    expect(placed.has("inst-000")).toBe(false);
    for (const id of barredByFirst) expect(placed.get(id)).not.toBe("g1");
    expect(placed.size).toBe(22);
    // The others still even out as far as the recusals allow.
    const sizes = sizesOf(placed, withRecusals);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});

describe("at province scale", () => {
  it("draws 5 % of 80,000 institutions and matches 300 inspectors within a second or two", () => {
    const pool: DrawPool = {
      institutions: Array.from({ length: 80_000 }, (_, i) => ({ id: `inst-${String(i).padStart(6, "0")}`, name: `机构${i}` })),
      inspectors: Array.from({ length: 300 }, (_, i) => inspector(i, { conflictInstitutionIds: [`inst-${String(i * 7).padStart(6, "0")}`] })),
    };
    const started = performance.now();
    const { result } = drawn(pool, { quantity: { kind: "ratio", percent: 5 }, inspectorsPerInstitution: 2 }, "province");
    expect(result.drawn).toHaveLength(4000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
