import { and, asc, eq, gte, lt, lte, not, type SQL, sql } from "drizzle-orm";
import {
  HAZARD_EXPORT_INLINE_LIMIT,
  type HazardDetail,
  type HazardFilters,
  type HazardListQuery,
  type HazardSort,
  type HazardSummary,
} from "../../../contracts/hazards";
import { hazard, hazardEvent, hazardStateRank, institution } from "../../../db/schema";
import { type HazardFacts, type HazardGrade, type HazardHandling, type HazardState, isOverdue, type MajorHazardPlan } from "../../../domain/hazard-lifecycle";
import type { DbOrTx } from "../../platform/db";
import { badRequest } from "../../platform/http/errors";
import { cappedCountQuery, cappedTotal } from "../../platform/list/counting";
import { afterKey, decodeCursor, encodeCursor, keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import { inScope, type Scope, underJurisdiction } from "../../platform/scope";
import { attachmentsOf } from "../files/attachments";
import { INSTITUTION_SCOPE } from "../institutions/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { supervisionOf } from "./supervision-view";

/** Hazards are scoped like their institution: by its jurisdiction path, or by the institution itself. */
export const HAZARD_SCOPE = { path: hazard.jurisdictionPath, institutionId: hazard.institutionId };

type HazardRow = typeof hazard.$inferSelect;

const summaryColumns = {
  row: hazard,
  institutionName: institution.name,
  jurisdictionCode: institution.jurisdictionCode,
};

/** A hazard with the names its pages show of its institution. */
export type HazardWithInstitution = { row: HazardRow; institutionName: string; jurisdictionCode: string };

/** The rules' view of a stored hazard. */
export const factsOf = (row: HazardRow): HazardFacts => ({
  state: row.state as HazardState,
  grade: row.grade as HazardGrade,
  handling: row.handling as HazardHandling,
  deadline: row.deadline,
  round: row.round,
  pendingExtension: row.pendingExtension as HazardFacts["pendingExtension"],
  majorPlan: row.majorPlan as MajorHazardPlan | null,
});

export function toSummary(directory: JurisdictionDirectory, source: HazardWithInstitution, today: string): HazardSummary {
  const { row } = source;
  return {
    id: row.id,
    number: row.number,
    institutionId: row.institutionId,
    institutionName: source.institutionName,
    jurisdictionName: directory.name(source.jurisdictionCode),
    foundOn: row.foundOn,
    place: row.place,
    category: row.category,
    description: row.description,
    grade: row.grade,
    handling: row.handling,
    deadline: row.deadline,
    state: row.state,
    overdue: isOverdue(factsOf(row), today),
    responsiblePerson: row.responsiblePerson,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * isOverdue of domain/hazard-lifecycle.ts in SQL: not yet submitted and past its deadline on
 * `today`. Never null (a hazard without a deadline is not overdue), so its negation is exact. The
 * states are literal, so the planner matches the partial index of unsubmitted hazards.
 */
const UNSUBMITTED = sql.raw(`${hazard.state.name} in ('pending', 'rectifying')`);
const overdueOn = (today: string) => sql`(${UNSUBMITTED} and ${hazard.deadline} is not null and ${lt(hazard.deadline, today)})`;

/** The most a list counts (and an export answers at once): beyond it the total reads "超过 10,000 条". */
export const HAZARD_COUNT_CAP = HAZARD_EXPORT_INLINE_LIMIT;
/**
 * The most a list counts when its term is matched by a scan: each match costs the rows around it
 * (a term in 15 % of the ledger, seven rows a match), so the count stops sooner ("超过 1,000 条").
 */
export const SCANNED_TERM_COUNT_CAP = 1000;

/** A hazard without a deadline (handled on the spot) sorts after every deadline, as in the index. */
const deadlineKey = sql`coalesce(${hazard.deadline}, 'infinity'::date)`;

/** The columns every sort needs from a row, for the next keyset page. */
type SortableHazard = { row: Pick<HazardRow, "id" | "foundOn" | "deadline" | "number" | "state" | "stateRank"> };

const DEFAULT_SORT = "foundOn";

/** The to-do rank of 紧急程度: overdue, the institution's to act, awaiting review, finished. */
const urgencyRank = (today: string) =>
  sql<number>`case when ${overdueOn(today)} then 0 when ${UNSUBMITTED} then 1 when ${hazard.state} = 'awaiting_review' then 2 else 3 end`;
const urgencyRankOf = (row: Pick<HazardRow, "state" | "deadline">, today: string) => {
  if (isOverdue({ state: row.state as HazardState, deadline: row.deadline }, today)) return 0;
  if (row.state === "pending" || row.state === "rectifying") return 1;
  return row.state === "awaiting_review" ? 2 : 3;
};

/** The ledger's orders. 紧急程度 depends on the day: what is overdue today comes first. */
const hazardSortSpec = (today: string): SortSpec<HazardSort, SortableHazard> => ({
  columns: {
    // An institution's to-do order: by rank, then soonest deadline (none last), as the rank's partial indexes keep them.
    urgency: { by: [urgencyRank(today)], thenAscending: [deadlineKey], valuesOf: ({ row }) => [urgencyRankOf(row, today), row.deadline ?? "infinity"] },
    foundOn: { by: [hazard.foundOn], valuesOf: ({ row }) => [row.foundOn] },
    deadline: { by: [deadlineKey], valuesOf: ({ row }) => [row.deadline ?? "infinity"] },
    number: { by: [hazard.number], valuesOf: ({ row }) => [row.number] },
    // Within a state, by the day found.
    state: { by: [hazard.stateRank, hazard.foundOn], valuesOf: ({ row }) => [row.stateRank, row.foundOn] },
  },
  defaultKey: DEFAULT_SORT,
  defaultOrder: { foundOn: "desc" },
  tiebreak: { column: hazard.id, valueOf: ({ row }) => row.id },
});

const isDay = (value: unknown) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isUuid = (value: unknown) => typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
/** What each sort's cursor may hold, by position (the id last): checked before it reaches SQL. */
const CURSOR_VALUES: Record<HazardSort, ((value: unknown) => boolean)[]> = {
  foundOn: [isDay, isUuid],
  deadline: [(v) => isDay(v) || v === "infinity", isUuid],
  number: [(v) => typeof v === "string" && v.length <= 100, isUuid],
  state: [(v) => Number.isInteger(v), isDay, isUuid],
  urgency: [(v) => Number.isInteger(v), (v) => isDay(v) || v === "infinity", isUuid],
};

const sortNameOf = (query: Pick<HazardListQuery, "sort" | "order">) => {
  const key = query.sort ?? DEFAULT_SORT;
  return { key, name: `${key}:${query.order ?? (key === DEFAULT_SORT ? "desc" : "asc")}` };
};

/** The grams a term's every match contains: the term itself when it is one or two characters, else each pair of neighbours. */
function gramsOf(term: string): string[] {
  const chars = [...term];
  if (chars.length <= 2) return [term];
  return [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
}

/**
 * A term in the place or the description, matched one of two ways (docs/adr/0005-search.md):
 * - "index": the index of every one- and two-character substring (search_grams) finds the rows
 *   holding each pair of the term's neighbouring characters; a longer term is then checked whole;
 * - "scan": LIKE on each row a walk reaches, in the list's order or the scope's index. For a term
 *   in many rows this finds a page, or the 1,001 rows its capped count needs, long before the grams
 *   index has collected its hundreds of thousands of matches.
 */
function matchesText(term: string, matching: TextMatching): SQL {
  const lowered = term.toLowerCase();
  const like = sql`${hazard.searchText} like ${substringPattern(lowered)}`;
  if (matching === "scan") return like;
  const grams = gramsOf(lowered);
  const indexed = sql`search_grams(${hazard.searchText}) @> array[${sql.join(
    grams.map((gram) => sql`${gram}`),
    sql`, `,
  )}]::text[]`;
  return [...lowered].length <= 2 ? indexed : sql`(${indexed} and ${like})`;
}

export type TextMatching = "index" | "scan";

/** A term whose rarest pair is in at least this share of the ledger is matched by a scan. */
const COMMON_TERM_SHARE = 0.08;
const STATISTICS_TTL_MS = 10 * 60_000;
let gramShares: { at: number; shares: Map<string, number> } | undefined;

/**
 * The share of hazards holding each of the most common grams, from ANALYZE's statistics of the
 * grams index (its most common elements), read at most every ten minutes.
 */
async function commonGramShares(db: DbOrTx): Promise<Map<string, number>> {
  if (gramShares && Date.now() - gramShares.at < STATISTICS_TTL_MS) return gramShares.shares;
  const { rows } = await db.execute(sql`
    select gram, share from pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs) as common(gram, share)
    where schemaname = 'public' and tablename = 'hazard_search_grams_idx'`);
  const shares = new Map((rows as { gram: string; share: number }[]).map((row) => [row.gram, Number(row.share)]));
  gramShares = { at: Date.now(), shares };
  return shares;
}

/**
 * How the list matches its term: by a scan within a county or an institution (a few thousand rows
 * at most) and for a term in many rows (how many, the statistics say); by the grams index for a
 * term in few rows of a city or the province.
 */
export async function textMatching(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, filters: HazardFilters): Promise<TextMatching> {
  if (!filters.q) return "index";
  const filtered = filters.jurisdictionCode === undefined ? undefined : directory.positionOf(filters.jurisdictionCode);
  const withinCounty =
    scope.kind === "institution" || (scope.kind === "jurisdiction" && scope.position === "leaf") || filtered?.position === "leaf" || !!filters.institutionId;
  if (withinCounty) return "scan";
  const shares = await commonGramShares(db);
  const rarest = Math.min(...gramsOf(filters.q.toLowerCase()).map((gram) => shares.get(gram) ?? 0));
  return rarest >= COMMON_TERM_SHARE ? "scan" : "index";
}

/**
 * The WHERE clause of the caller's filtered ledger: the list, its count and both exports share it,
 * so none of them holds more than the caller's scope. A jurisdiction filter narrows within the
 * scope, never beyond it.
 */
export function hazardListCondition(
  directory: JurisdictionDirectory,
  scope: Scope,
  filters: HazardFilters,
  today: string,
  matching: TextMatching = "index",
): SQL {
  const conditions: (SQL | undefined)[] = [inScope(scope, HAZARD_SCOPE)];
  if (filters.jurisdictionCode) {
    const position = directory.positionOf(filters.jurisdictionCode);
    if (!position) throw badRequest("行政区划：不存在", "jurisdictionCode");
    conditions.push(underJurisdiction(position, hazard.jurisdictionPath));
  }
  if (filters.state) conditions.push(eq(hazard.stateRank, hazardStateRank(filters.state)));
  if (filters.grade) conditions.push(eq(hazard.grade, filters.grade));
  if (filters.category) conditions.push(eq(hazard.category, filters.category));
  if (filters.source) conditions.push(eq(hazard.source, filters.source));
  if (filters.institutionId) conditions.push(eq(hazard.institutionId, filters.institutionId));
  if (filters.institutionType || filters.institutionGrade) {
    const institutions = institutionsOfKind(filters, scope);
    conditions.push(sql`${hazard.institutionId} in (${institutions})`);
  }
  if (filters.foundFrom) conditions.push(gte(hazard.foundOn, filters.foundFrom));
  if (filters.foundTo) conditions.push(lte(hazard.foundOn, filters.foundTo));
  if (filters.overdue !== undefined) conditions.push(filters.overdue ? overdueOn(today) : not(overdueOn(today)));
  if (filters.q) conditions.push(matchesText(filters.q, matching));
  return and(...conditions) ?? sql`true`;
}

/** The ids of the institutions of a type and grade, within the scope: the ledger's institution filters. */
function institutionsOfKind(filters: HazardFilters, scope: Scope): SQL {
  const conditions = [
    inScope(scope, INSTITUTION_SCOPE),
    filters.institutionType ? eq(institution.type, filters.institutionType) : undefined,
    filters.institutionGrade ? eq(institution.grade, filters.institutionGrade) : undefined,
  ];
  return sql`select ${institution.id} from ${institution} where ${and(...conditions) ?? sql`true`}`;
}

/**
 * A page by OFFSET reads and skips every row before it: past the counted window (HAZARD_COUNT_CAP
 * rows, the most a page number can reach on the list) that is millions of rows on the province's
 * ledger, a slow query anyone could send. Deeper pages go on from a cursor (`after`), which costs
 * what the first page does.
 */
function offsetPageProblem(query: Pick<HazardListQuery, "page" | "pageSize">): string | undefined {
  if (query.page * query.pageSize <= HAZARD_COUNT_CAP) return undefined;
  const lastPage = Math.floor(HAZARD_COUNT_CAP / query.pageSize);
  return `页码：按页码最多翻到前 ${HAZARD_COUNT_CAP.toLocaleString("en")} 条（每页 ${query.pageSize} 条时为第 ${lastPage} 页），再往后请用上一页的 nextCursor 作为 after 继续翻页，或缩小查询条件`;
}

export const hazardSort = (query: Pick<HazardListQuery, "sort" | "order">, today: string) => resolveSort(hazardSortSpec(today), query);

/**
 * The statements of one ledger page, run side by side: the page (from `after` when the client
 * pages on with a cursor, by OFFSET otherwise) and the count, capped at HAZARD_COUNT_CAP.
 */
export function hazardListPlan(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  scope: Scope,
  query: HazardListQuery,
  today: string,
  matching: TextMatching = "index",
) {
  const sort = hazardSort(query, today);
  const where = hazardListCondition(directory, scope, query, today, matching);
  const sortName = sortNameOf(query);
  let after: SQL | undefined;
  if (query.after !== undefined) {
    const key = decodeCursor(query.after, sortName.name, CURSOR_VALUES[sortName.key]);
    if (!key) throw badRequest("翻页位置：无效或与当前排序不符，请从第一页重新查询", "after");
    after = afterKey(sort, key);
  } else {
    const problem = offsetPageProblem(query);
    if (problem) throw badRequest(problem, "page");
  }
  const scanned = query.q !== undefined && matching === "scan";
  const cap = scanned ? SCANNED_TERM_COUNT_CAP : HAZARD_COUNT_CAP;
  return {
    cap,
    // A scanned term is counted along the scope's index (hazard_path_idx), among the scope's own rows.
    count: cappedCountQuery(db, hazard, where, cap, scanned ? hazard.jurisdictionPath : undefined),
    page: db
      .select(summaryColumns)
      .from(hazard)
      .innerJoin(institution, eq(institution.id, hazard.institutionId))
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(query.pageSize)
      .offset(after ? 0 : (query.page - 1) * query.pageSize),
    /** The cursor of the page after `rows`, or null when they end the list. */
    nextCursor: (rows: HazardWithInstitution[]) => {
      const last = rows.length === query.pageSize ? rows[rows.length - 1] : undefined;
      return last ? encodeCursor(sortName.name, sort.keyOf(last)) : null;
    },
  };
}

/** The caller's ledger, filtered and sorted, a page at a time. */
export async function listHazards(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: HazardListQuery, today: string) {
  const plan = hazardListPlan(db, directory, scope, query, today, await textMatching(db, directory, scope, query));
  const [rows, [counted]] = await Promise.all([plan.page, plan.count]);
  return {
    items: rows.map((row) => toSummary(directory, row, today)),
    ...cappedTotal(counted?.total ?? 0, plan.cap),
    page: query.page,
    pageSize: query.pageSize,
    nextCursor: plan.nextCursor(rows),
  };
}

/** What a workbook shows of a hazard: only these are read, 100,000 rows at a time. */
const exportedColumns = {
  row: {
    id: hazard.id,
    number: hazard.number,
    foundOn: hazard.foundOn,
    place: hazard.place,
    category: hazard.category,
    description: hazard.description,
    grade: hazard.grade,
    handling: hazard.handling,
    deadline: hazard.deadline,
    state: hazard.state,
    stateRank: hazard.stateRank,
    responsiblePerson: hazard.responsiblePerson,
    responsiblePhone: hazard.responsiblePhone,
    source: hazard.source,
    basis: hazard.basis,
  },
  institutionName: institution.name,
  jurisdictionCode: institution.jurisdictionCode,
};
export type ExportedHazard = { row: Pick<HazardRow, keyof typeof exportedColumns.row>; institutionName: string; jurisdictionCode: string };

/** Walks the filtered ledger in its order, a batch at a time (keyset), for the exports. */
export function hazardBatches(db: DbOrTx, where: SQL, query: Pick<HazardListQuery, "sort" | "order">, today: string, batchSize?: number) {
  const sort = hazardSort(query, today);
  return keysetBatches<ExportedHazard>(
    sort,
    (after, limit) =>
      db
        .select(exportedColumns)
        .from(hazard)
        .innerJoin(institution, eq(institution.id, hazard.institutionId))
        .where(and(where, after))
        .orderBy(...orderByOf(sort))
        .limit(limit),
    batchSize,
  );
}

/** One hazard through the caller's scope (out of scope reads as missing), locked when it is to change. */
export async function findHazard(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<HazardWithInstitution | undefined> {
  const query = db
    .select(summaryColumns)
    .from(hazard)
    .innerJoin(institution, eq(institution.id, hazard.institutionId))
    .where(and(eq(hazard.id, id), inScope(scope, HAZARD_SCOPE)));
  const [found] = options.lock ? await query.for("update", { of: hazard }) : await query;
  return found;
}

/** The hazard with its photos and its whole timeline, oldest first. */
export async function hazardDetail(db: DbOrTx, directory: JurisdictionDirectory, source: HazardWithInstitution, today: string): Promise<HazardDetail> {
  const { row } = source;
  const [events, photos] = await Promise.all([
    db.select().from(hazardEvent).where(eq(hazardEvent.hazardId, row.id)).orderBy(asc(hazardEvent.id)),
    attachmentsOf(db, "hazard", row.id),
  ]);
  return {
    ...toSummary(directory, source, today),
    source: row.source,
    finders: row.finders,
    basis: row.basis,
    responsiblePhone: row.responsiblePhone,
    majorPlan: row.majorPlan as MajorHazardPlan | null,
    round: row.round,
    pendingExtension: row.pendingExtension as HazardFacts["pendingExtension"],
    version: row.version,
    supervision: await supervisionOf(db, directory, row, today),
    photos: photos.map((photo) => photo.info),
    events: events.map((event) => ({
      kind: event.kind,
      attachments: photos.filter((photo) => photo.eventId === event.id).map((photo) => photo.info),
      round: event.round,
      actorName: event.actorName,
      at: event.at.toISOString(),
      reason: event.reason,
      details: event.details as Record<string, unknown>,
      changed: event.changed as Record<string, { from: unknown; to: unknown }>,
    })),
  };
}
