import { createHash } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/**
 * The random draw of 双随机 (国办发〔2015〕58号, regulations.md "双随机、一公开"): inspection objects are
 * drawn by lottery from the register at a set number or ratio, and inspectors are matched to each at
 * random — at least two per object, never one from the object itself, never one who declared a conflict
 * of interest (回避). The draw is evidence, so it is a pure function of what is recorded with it: the
 * pool, the parameters and the seed. Anyone can run it again on the record and get the same result.
 *
 * The algorithm, version 1 ("sha256-xoroshiro128plus-fisher-yates"):
 * 1. The pool is put in a canonical order: institutions and inspectors de-duplicated by id and sorted by
 *    id (UTF-16 code units, as JavaScript compares strings — no locale).
 * 2. The seed text is hashed: SHA-256 of the UTF-8 bytes of "<ALGORITHM>/v<VERSION>/<seed>". Its first 16
 *    bytes, read as four big-endian 32-bit words, are the state of a xoroshiro128+ generator (npm
 *    pure-rand 8.4.2, `xoroshiro128plusFromState`); integers in a range come from pure-rand's unbiased
 *    `uniformInt` (rejection sampling).
 * 3. The number to draw is the number asked for (at most the pool), or the ratio of the pool rounded up:
 *    ⌈pool × percent ÷ 100⌉, computed in whole hundredths of a percent so 3 % of 100 is 3, not 4.
 * 4. Institutions are drawn by a forward Fisher–Yates shuffle stopped after that many steps: for
 *    i = 0 … count−1, swap position i with a position j drawn uniformly from i … n−1; the first `count`
 *    positions, in that order, are the drawn institutions.
 * 5. In that order, each drawn institution gets its inspectors one at a time: among the eligible ones
 *    not yet matched to it, those with the fewest institutions so far (spreading the load evenly), one is
 *    picked uniformly at random (the candidates in id order). The ineligible ones are recorded as its
 *    recusals with the reason.
 *
 * An institution of the pool that cannot get enough eligible inspectors makes the whole draw fail,
 * naming it, before anything is drawn. Checking the whole pool, not only the drawn institutions, keeps
 * the outcome independent of the seed: an operator cannot draw again and again until a draw avoids such
 * an institution, and no institution is ever recorded as drawn without its two inspectors.
 *
 * Changing any step changes results: that is a new VERSION, and records keep the version they were made with.
 */
export const DRAW_ALGORITHM = "sha256-xoroshiro128plus-fisher-yates";
export const DRAW_ALGORITHM_VERSION = 1;

/** The least number of inspectors per institution (regulations.md: ≥ 2 inspectors per object). */
export const MIN_INSPECTORS_PER_INSTITUTION = 2;

export interface PoolInstitution {
  id: string;
  name: string;
}

export type InspectorKind = "user" | "expert";

export interface PoolInspector {
  id: string;
  kind: InspectorKind;
  name: string;
  /** The inspector's own institution, when they work in one of the register: never drawn to inspect it. */
  institutionId: string | null;
  /** Institutions the inspector declared a conflict of interest with (回避). */
  conflictInstitutionIds: readonly string[];
}

export interface DrawPool {
  institutions: readonly PoolInstitution[];
  inspectors: readonly PoolInspector[];
}

/** How many institutions to draw: a number, or a percentage of the pool (rounded up). */
export type DrawQuantity = { kind: "count"; count: number } | { kind: "ratio"; percent: number };

export interface DrawParameters {
  quantity: DrawQuantity;
  inspectorsPerInstitution: number;
}

export type RecusalReason = "own_institution" | "declared_conflict";

export const RECUSAL_REASONS: Record<RecusalReason, string> = {
  own_institution: "本单位人员",
  declared_conflict: "申报利益冲突",
};

export interface DrawnInstitution {
  institutionId: string;
  inspectorIds: string[];
  recusals: { inspectorId: string; reason: RecusalReason }[];
}

export interface DrawResult {
  /** The drawn institutions in the order they were drawn, each with its inspectors in the order matched. */
  drawn: DrawnInstitution[];
}

export type DrawOutcome = { ok: true; pool: DrawPool; result: DrawResult } | { ok: false; message: string; short: PoolInstitution[] };

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Step 1: the pool de-duplicated by id (the first occurrence kept) and sorted by id; conflicts too. */
export function canonicalPool(pool: DrawPool): DrawPool {
  const unique = <T extends { id: string }>(rows: readonly T[]) => [...new Map(rows.map((row) => [row.id, row] as const)).values()].sort(byId);
  return {
    institutions: unique(pool.institutions).map(({ id, name }) => ({ id, name })),
    inspectors: unique(pool.inspectors).map((one) => ({
      id: one.id,
      kind: one.kind,
      name: one.name,
      institutionId: one.institutionId,
      conflictInstitutionIds: [...new Set(one.conflictInstitutionIds)].sort(),
    })),
  };
}

/** Step 2: the generator of a seed. */
export function generatorOf(seed: string): RandomGenerator {
  const digest = createHash("sha256").update(`${DRAW_ALGORITHM}/v${DRAW_ALGORITHM_VERSION}/${seed}`, "utf8").digest();
  const state = [0, 4, 8, 12].map((offset) => digest.readInt32BE(offset));
  // An all-zero state would yield zeros for ever; SHA-256 gives one with odds of 2⁻¹²⁸, but say what happens then.
  if (state.every((word): boolean => word === 0)) state[3] = 1;
  return xoroshiro128plusFromState(state);
}

/** Step 3: how many institutions a pool of `poolSize` gives. */
export function drawCount(quantity: DrawQuantity, poolSize: number): number {
  if (quantity.kind === "count") return Math.min(quantity.count, poolSize);
  const hundredths = Math.round(quantity.percent * 100);
  return Math.min(poolSize, Math.ceil((poolSize * hundredths) / 10_000));
}

function recusalOf(inspector: PoolInspector, institutionId: string): RecusalReason | null {
  if (inspector.institutionId === institutionId) return "own_institution";
  if (inspector.conflictInstitutionIds.includes(institutionId)) return "declared_conflict";
  return null;
}

/** The institutions of the pool with fewer eligible inspectors than each needs, in pool order. */
export function institutionsShortOfInspectors(pool: DrawPool, inspectorsPerInstitution: number): PoolInstitution[] {
  const excluded = new Map<string, number>();
  for (const inspector of pool.inspectors) {
    const barred = new Set([...(inspector.institutionId ? [inspector.institutionId] : []), ...inspector.conflictInstitutionIds]);
    for (const id of barred) excluded.set(id, (excluded.get(id) ?? 0) + 1);
  }
  return pool.institutions.filter((one) => pool.inspectors.length - (excluded.get(one.id) ?? 0) < inspectorsPerInstitution);
}

const SHOWN_NAMES = 10;

function shortageMessage(short: PoolInstitution[], inspectorsPerInstitution: number): string {
  const names = short.slice(0, SHOWN_NAMES).map((one) => one.name);
  const more = short.length > SHOWN_NAMES ? `等 ${short.length} 家` : "";
  return `以下机构回避后可派的检查人员不足 ${inspectorsPerInstitution} 名，无法抽取：${names.join("、")}${more}。请在专家库中增加专家或调整回避申报后再抽取`;
}

/** Runs the draw (steps 1–5) over a pool with a seed; the same input always gives the same outcome. */
export function runDraw(input: DrawPool, parameters: DrawParameters, seed: string): DrawOutcome {
  const pool = canonicalPool(input);
  const perInstitution = parameters.inspectorsPerInstitution;
  if (perInstitution < MIN_INSPECTORS_PER_INSTITUTION) throw new Error(`at least ${MIN_INSPECTORS_PER_INSTITUTION} inspectors per institution`);
  const short = institutionsShortOfInspectors(pool, perInstitution);
  if (short.length > 0) return { ok: false, message: shortageMessage(short, perInstitution), short };

  const rng = generatorOf(seed);
  const order = pool.institutions.map((one) => one.id);
  const count = drawCount(parameters.quantity, order.length);
  for (let i = 0; i < count; i += 1) {
    const j = uniformInt(rng, i, order.length - 1);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }

  const load = new Map(pool.inspectors.map((one) => [one.id, 0]));
  const drawn = order.slice(0, count).map((institutionId): DrawnInstitution => {
    const recusals: DrawnInstitution["recusals"] = [];
    const eligible: PoolInspector[] = [];
    for (const inspector of pool.inspectors) {
      const reason = recusalOf(inspector, institutionId);
      if (reason) recusals.push({ inspectorId: inspector.id, reason });
      else eligible.push(inspector);
    }
    const inspectorIds: string[] = [];
    for (let slot = 0; slot < perInstitution; slot += 1) {
      const open = eligible.filter((one) => !inspectorIds.includes(one.id));
      const least = Math.min(...open.map((one) => load.get(one.id) ?? 0));
      const candidates = open.filter((one) => load.get(one.id) === least);
      const chosen = candidates[uniformInt(rng, 0, candidates.length - 1)] as PoolInspector;
      inspectorIds.push(chosen.id);
      load.set(chosen.id, least + 1);
    }
    return { institutionId, inspectorIds, recusals };
  });
  return { ok: true, pool, result: { drawn } };
}

export interface PoolDifference {
  institutionsAdded: PoolInstitution[];
  institutionsRemoved: PoolInstitution[];
  inspectorsAdded: PoolInspector[];
  inspectorsRemoved: PoolInspector[];
}

export interface RerunReport {
  /** What today's pool has that the recorded one had not, and the reverse. */
  difference: PoolDifference;
  /** The draw over today's pool with the recorded seed and parameters, or why it cannot be made. */
  outcome: DrawOutcome;
  /** Whether today's draw matches the recorded result exactly (institutions, order, inspectors). */
  sameResult: boolean;
  /** Drawn today but not in the record, and drawn in the record but not today. */
  drawnAdded: string[];
  drawnRemoved: string[];
}

/**
 * Whether two results are the same draw: the same institutions in the same order with the same
 * inspectors and recusals. Compared field by field: a record read back from jsonb has its keys in
 * another order than it was written.
 */
export function sameDrawResult(a: DrawResult, b: DrawResult): boolean {
  const lineOf = (one: DrawnInstitution) =>
    [one.institutionId, one.inspectorIds.join(","), one.recusals.map((r) => `${r.inspectorId}:${r.reason}`).join(",")].join("|");
  return a.drawn.length === b.drawn.length && a.drawn.every((one, index) => lineOf(one) === lineOf(b.drawn[index] as DrawnInstitution));
}

/**
 * Re-runs a recorded draw over another pool (today's) with its seed and parameters, and reports how the
 * pools differ and whether the result would. Over the recorded pool it reports no difference and the
 * same result — which is how a record is checked.
 */
export function rerunDraw(recorded: { pool: DrawPool; parameters: DrawParameters; seed: string; result: DrawResult }, today: DrawPool): RerunReport {
  const before = canonicalPool(recorded.pool);
  const now = canonicalPool(today);
  const missingFrom = <T extends { id: string }>(rows: readonly T[], other: readonly T[]) => {
    const ids = new Set(other.map((one) => one.id));
    return rows.filter((one) => !ids.has(one.id));
  };
  const outcome = runDraw(now, recorded.parameters, recorded.seed);
  const recordedIds = recorded.result.drawn.map((one) => one.institutionId);
  const todayIds = outcome.ok ? outcome.result.drawn.map((one) => one.institutionId) : [];
  const recordedSet = new Set(recordedIds);
  const todaySet = new Set(todayIds);
  return {
    difference: {
      institutionsAdded: missingFrom(now.institutions, before.institutions),
      institutionsRemoved: missingFrom(before.institutions, now.institutions),
      inspectorsAdded: missingFrom(now.inspectors, before.inspectors),
      inspectorsRemoved: missingFrom(before.inspectors, now.inspectors),
    },
    outcome,
    sameResult: outcome.ok && sameDrawResult(outcome.result, recorded.result),
    drawnAdded: todayIds.filter((id) => !recordedSet.has(id)),
    drawnRemoved: recordedIds.filter((id) => !todaySet.has(id)),
  };
}

/** A working group as the spread sees it: the institutions its members must keep away from (回避). */
export interface SpreadGroup {
  id: string;
  barred: ReadonlySet<string>;
}

/**
 * A second, lighter lottery: a campaign's institutions dealt over its working groups. The institutions
 * (sorted by id) are fully shuffled by Fisher–Yates with the seed's generator (step 2 above), then each
 * in turn goes to the group with the fewest so far among those it may go to, the earlier group on a
 * tie: with no recusals that is round-robin, so group sizes differ by at most one. An institution is
 * never dealt to a group with a member from it or with a declared conflict (the rule the draw keeps,
 * regulations.md 双随机); one that every group must keep away from is left unplaced, for a hand choice.
 */
export function spreadOverGroups(
  institutionIds: readonly string[],
  groups: readonly SpreadGroup[],
  seed: string,
): { placed: Map<string, string>; unplaced: string[] } {
  if (groups.length === 0) throw new Error("no groups to spread over");
  const order = [...new Set(institutionIds)].sort();
  const rng = generatorOf(`groups/${seed}`);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = uniformInt(rng, 0, i);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  const sizes = groups.map(() => 0);
  const placed = new Map<string, string>();
  const unplaced: string[] = [];
  for (const id of order) {
    let chosen = -1;
    for (const [index, group] of groups.entries()) {
      if (!group.barred.has(id) && (chosen < 0 || (sizes[index] as number) < (sizes[chosen] as number))) chosen = index;
    }
    if (chosen < 0) {
      unplaced.push(id);
      continue;
    }
    sizes[chosen] = (sizes[chosen] as number) + 1;
    placed.set(id, (groups[chosen] as SpreadGroup).id);
  }
  return { placed, unplaced };
}
