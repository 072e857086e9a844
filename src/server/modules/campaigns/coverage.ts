import { and, count, eq, type SQL, sql } from "drizzle-orm";
import type { CoverageCounts, CoverageGap, CoverageLedger, GapFilters, GapListQuery, GapSort } from "../../../contracts/campaigns";
import type { SortOrder } from "../../../contracts/common";
import { INSTITUTION_GRADES } from "../../../contracts/enums";
import { institution } from "../../../db/schema";
import { ledgerDuty, quarterOf, yearOf } from "../../../domain/coverage";
import type { DbOrTx } from "../../platform/db";
import { notFound } from "../../platform/http/errors";
import { keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import { jurisdictionInScope, type Scope, underJurisdiction } from "../../platform/scope";
import { nameInPinyin, onRegister } from "../institutions/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { childKeyOf, codeOfPath } from "./queries";
import { withinDuty } from "./scope-rule";

/**
 * The coverage ledger (督查全覆盖台账, seed 003) of an authority, in set-based SQL:
 * - in the duty: institutions on the register in its jurisdiction that the coverage rule puts in the
 *   duty of its own level or a level below (domain/coverage.ts ledgerDuty: the province counts 省直,
 *   三级, 二级 and 一级; a city 二级 and 一级; a county 一级);
 * - inspected: at least one supervision inspection (inspection.kind 'supervision', by any authority,
 *   in or out of a campaign) of the institution dated within the period — this quarter or this year
 *   on the China calendar; self-inspections do not count;
 * - not yet inspected this quarter: the gaps, listed by the gaps list.
 */

/** The jurisdiction a ledger is read for: the caller's own, or one within it (404 otherwise, as for a missing one). */
function ledgerJurisdiction(directory: JurisdictionDirectory, scope: Scope, code?: string) {
  const wanted = code ?? (scope.kind === "jurisdiction" ? scope.code : directory.rootCode());
  const record = wanted ? directory.get(wanted) : undefined;
  const position = wanted ? directory.positionOf(wanted) : undefined;
  if (!record || !position || !jurisdictionInScope(scope, record.path)) throw notFound("行政区划不存在或不在管辖范围内");
  return { record, position };
}

/**
 * The institution row of the outer query, spelled out: Drizzle writes a single-table select's own
 * columns unqualified, which inside a subquery over inspection would name inspection's columns.
 */
const OUTER_INSTITUTION_ID = sql.raw(`"institution"."id"`);

/** A supervision inspection of the institution (the row of `institution` in the query) dated within the days given. */
const inspectedWithin = (start: string, end: string) =>
  sql`exists (select 1 from inspection x where x.institution_id = ${OUTER_INSTITUTION_ID} and x.kind = 'supervision' and x.inspected_on between ${start}::date and ${end}::date)`;

function dutyCondition(directory: JurisdictionDirectory, scope: Scope, code?: string) {
  const { record, position } = ledgerJurisdiction(directory, scope, code);
  const duty = ledgerDuty(record.level);
  return { record, where: and(onRegister, underJurisdiction(position, institution.jurisdictionPath), withinDuty(duty)) ?? sql`true`, duty };
}

export async function coverageLedger(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  scope: Scope,
  code: string | undefined,
  today: string,
): Promise<CoverageLedger> {
  const { record, where, duty } = dutyCondition(directory, scope, code);
  const quarter = quarterOf(today);
  const year = yearOf(today);
  const key = childKeyOf(institution.jurisdictionPath, record.path);
  const rows = await db
    .select({
      key,
      duty: sql<number>`count(*)::int`,
      inspectedQuarter: sql<number>`(count(*) filter (where ${inspectedWithin(quarter.start, quarter.end)}))::int`,
      inspectedYear: sql<number>`(count(*) filter (where ${inspectedWithin(year.start, year.end)}))::int`,
    })
    .from(institution)
    .where(where)
    .groupBy(key);
  const byCode = new Map(rows.map((row) => [codeOfPath(row.key), row]));
  // Every jurisdiction under it has its line, also one with nothing in the duty (a zero is a finding too).
  const children = directory.children(record.code);
  const codes = children.length > 0 ? children.map((child) => child.code) : [record.code];
  const lines = codes.map((lineCode) => {
    const found = byCode.get(lineCode);
    const counts: CoverageCounts = {
      duty: found?.duty ?? 0,
      inspectedQuarter: found?.inspectedQuarter ?? 0,
      inspectedYear: found?.inspectedYear ?? 0,
      notInspectedQuarter: (found?.duty ?? 0) - (found?.inspectedQuarter ?? 0),
    };
    return { code: lineCode, name: directory.name(lineCode), ...counts };
  });
  const total = lines.reduce<CoverageCounts>(
    (sum, line) => ({
      duty: sum.duty + line.duty,
      inspectedQuarter: sum.inspectedQuarter + line.inspectedQuarter,
      inspectedYear: sum.inspectedYear + line.inspectedYear,
      notInspectedQuarter: sum.notInspectedQuarter + line.notInspectedQuarter,
    }),
    { duty: 0, inspectedQuarter: 0, inspectedYear: 0, notInspectedQuarter: 0 },
  );
  return {
    jurisdictionCode: record.code,
    jurisdictionName: record.name,
    quarter: { label: quarter.label, start: quarter.start, end: quarter.end },
    year: { label: `${year.year}年`, start: year.start, end: year.end },
    dutyLabel: `${[...(duty.provincialDirect ? ["省直"] : []), ...duty.grades.map((grade) => INSTITUTION_GRADES[grade])].join("、")}机构`,
    rows: lines,
    total,
  };
}

/** The latest supervision inspection of the institution ever; the oldest day when none, so it sorts first and pages exactly. */
const NEVER = "0001-01-01";
const lastInspectedOn = sql<string>`coalesce((select max(x.inspected_on) from inspection x where x.institution_id = ${OUTER_INSTITUTION_ID} and x.kind = 'supervision'), ${NEVER}::date)`;

const gapColumns = {
  id: institution.id,
  name: institution.name,
  jurisdictionCode: institution.jurisdictionCode,
  jurisdictionPath: institution.jurisdictionPath,
  type: institution.type,
  grade: institution.grade,
  gradeRank: institution.gradeRank,
  provincialDirect: institution.provincialDirect,
  lastInspectedOn,
};
type GapRow = {
  id: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionPath: string;
  type: string;
  grade: string;
  gradeRank: number | null;
  provincialDirect: boolean;
  lastInspectedOn: string;
};

const GAP_SORT: SortSpec<GapSort, GapRow> = {
  columns: {
    name: { by: [nameInPinyin], valuesOf: (r) => [r.name] },
    jurisdiction: { by: [institution.jurisdictionPath], thenAscending: [nameInPinyin], valuesOf: (r) => [r.jurisdictionPath, r.name] },
    grade: { by: [institution.gradeRank], thenAscending: [nameInPinyin], valuesOf: (r) => [r.gradeRank, r.name] },
    lastInspectedOn: { by: [lastInspectedOn], thenAscending: [nameInPinyin], valuesOf: (r) => [r.lastInspectedOn, r.name] },
  },
  defaultKey: "jurisdiction",
  defaultOrder: { grade: "desc" },
  tiebreak: { column: institution.id, valueOf: (r) => r.id },
};

/** The WHERE clause of the gaps: in the duty, not inspected this quarter, and as filtered. The list, its count and its export share it. */
export function gapCondition(directory: JurisdictionDirectory, scope: Scope, filters: GapFilters, today: string): SQL {
  const { where } = dutyCondition(directory, scope);
  const quarter = quarterOf(today);
  const conditions: (SQL | undefined)[] = [where, sql`not ${inspectedWithin(quarter.start, quarter.end)}`];
  if (filters.jurisdictionCode) {
    const { position } = ledgerJurisdiction(directory, scope, filters.jurisdictionCode);
    conditions.push(underJurisdiction(position, institution.jurisdictionPath));
  }
  if (filters.grade) conditions.push(eq(institution.grade, filters.grade));
  if (filters.type) conditions.push(eq(institution.type, filters.type));
  if (filters.provincialDirect !== undefined) conditions.push(eq(institution.provincialDirect, filters.provincialDirect));
  if (filters.q) conditions.push(sql`${institution.searchText} like ${substringPattern(filters.q.toLowerCase())}`);
  return and(...conditions) ?? sql`true`;
}

const toGap = (directory: JurisdictionDirectory, row: GapRow): CoverageGap => ({
  id: row.id,
  name: row.name,
  jurisdictionName: directory.name(row.jurisdictionCode),
  type: row.type,
  grade: row.grade,
  provincialDirect: row.provincialDirect,
  lastInspectedOn: row.lastInspectedOn === NEVER ? null : row.lastInspectedOn,
});

export async function listGaps(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: GapListQuery, today: string) {
  const where = gapCondition(directory, scope, query, today);
  const [rows, [counted]] = await Promise.all([
    db
      .select(gapColumns)
      .from(institution)
      .where(where)
      .orderBy(...orderByOf(resolveSort(GAP_SORT, query)))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(institution).where(where),
  ]);
  return { items: rows.map((row) => toGap(directory, row)), total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function* gapBatches(db: DbOrTx, directory: JurisdictionDirectory, where: SQL, query: { sort?: GapSort; order?: SortOrder }) {
  const sort = resolveSort(GAP_SORT, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    db
      .select(gapColumns)
      .from(institution)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map((row) => toGap(directory, row));
}
