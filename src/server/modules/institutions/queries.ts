import { and, count, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { SortOrder } from "../../../contracts/common";
import type { InstitutionDetail, InstitutionFilters, InstitutionListQuery, InstitutionSort, InstitutionSummary } from "../../../contracts/institutions";
import { institution } from "../../../db/schema";
import { typesOfGroup } from "../../../domain/institution-types";
import { can } from "../../../domain/permissions";
import { requiredSecurityStaff } from "../../../domain/security-staffing";
import type { Actor } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { badRequest } from "../../platform/http/errors";
import { cappedCountQuery } from "../../platform/list/counting";
import { keysetBatches, orderByOf, type ResolvedSort, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import { inScope, type Scope, underJurisdiction } from "../../platform/scope";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

/** Institutions on the register: a constant the planner can match against index predicates. */
export const onRegister = sql`${institution.status} = 'active'`;

/** The columns that place an institution in the scope rule (platform/scope.ts). */
export const INSTITUTION_SCOPE = { path: institution.jurisdictionPath, institutionId: institution.id };

/** Names in pinyin order, as Chinese users expect (ICU's zh collation), not by code point. */
export const PINYIN = sql.raw(`"zh-x-icu"`);
export const nameInPinyin = sql`${institution.name} collate ${PINYIN}`;

/** The columns every sort needs from a row, for the next keyset page. */
interface SortableRow {
  id: string;
  name: string;
  jurisdictionPath: string;
  gradeRank: number | null;
  beds: number;
  updatedAt: Date;
}

export const INSTITUTION_SORT: SortSpec<InstitutionSort, SortableRow> = {
  columns: {
    name: { by: [nameInPinyin], valuesOf: (r) => [r.name] },
    jurisdiction: { by: [institution.jurisdictionPath], thenAscending: [nameInPinyin], valuesOf: (r) => [r.jurisdictionPath, r.name] },
    grade: { by: [institution.gradeRank], thenAscending: [nameInPinyin], valuesOf: (r) => [r.gradeRank, r.name] },
    beds: { by: [institution.beds], valuesOf: (r) => [r.beds] },
    updatedAt: { by: [institution.updatedAt], valuesOf: (r) => [r.updatedAt] },
  },
  defaultKey: "name",
  defaultOrder: { grade: "desc", beds: "desc", updatedAt: "desc" },
  tiebreak: { column: institution.id, valueOf: (r) => r.id },
};

/** A term of one or two characters: too short for trigrams, looked up in the grams index. */
const isShortTerm = (term: string) => [...term].length <= 2;

/**
 * How a search term is matched. search_text is "name credit_code" in lower case.
 * - "index": terms of three characters or more by the trigram index; one or two characters — most
 *   Chinese search terms — by the index of every one- and two-character substring (search_grams).
 * - "scan": a plain LIKE, tested on each row a walk in list order reaches; cheapest for the first
 *   page of a term found in most rows (docs/adr/0005-search.md).
 */
function matchesTerm(term: string, matching: "index" | "scan"): SQL {
  const lowered = term.toLowerCase();
  if (matching === "index" && isShortTerm(lowered)) return sql`search_grams(${institution.searchText}) @> array[${lowered}]::text[]`;
  return sql`${institution.searchText} like ${substringPattern(lowered)}`;
}

/** The WHERE clause of a scoped, filtered institution list; shared by the list, its count and the export. */
export function institutionListCondition(
  directory: JurisdictionDirectory,
  scope: Scope,
  filters: InstitutionFilters,
  matching: "index" | "scan" = "index",
): SQL {
  const conditions: (SQL | undefined)[] = [inScope(scope, INSTITUTION_SCOPE)];
  if (filters.jurisdictionCode) {
    const position = directory.positionOf(filters.jurisdictionCode);
    if (!position) throw badRequest("行政区划：不存在", "jurisdictionCode");
    conditions.push(underJurisdiction(position, institution.jurisdictionPath));
  }
  const status = filters.status ?? "active";
  if (status === "active") conditions.push(onRegister);
  else if (status !== "all") conditions.push(eq(institution.status, status));
  if (filters.typeGroup) conditions.push(inArray(institution.type, typesOfGroup(filters.typeGroup)));
  if (filters.type) conditions.push(eq(institution.type, filters.type));
  if (filters.grade) conditions.push(eq(institution.grade, filters.grade));
  if (filters.ownership) conditions.push(eq(institution.ownership, filters.ownership));
  if (filters.provincialDirect !== undefined) conditions.push(eq(institution.provincialDirect, filters.provincialDirect));
  if (filters.q) conditions.push(matchesTerm(filters.q, matching));
  return and(...conditions) ?? sql`true`;
}

const summaryColumns = {
  id: institution.id,
  name: institution.name,
  creditCode: institution.creditCode,
  type: institution.type,
  ownership: institution.ownership,
  grade: institution.grade,
  provincialDirect: institution.provincialDirect,
  jurisdictionCode: institution.jurisdictionCode,
  beds: institution.beds,
  contactPerson: institution.contactPerson,
  status: institution.status,
  updatedAt: institution.updatedAt,
};

export const institutionSort = (query: { sort?: InstitutionSort; order?: SortOrder }) => resolveSort(INSTITUTION_SORT, query);

export function institutionPageQuery(db: DbOrTx, where: SQL, sort: ResolvedSort<SortableRow>, page: { page: number; pageSize: number }) {
  return db
    .select(summaryColumns)
    .from(institution)
    .where(where)
    .orderBy(...orderByOf(sort))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
}

export const institutionCountQuery = (db: DbOrTx, where: SQL) => db.select({ total: count() }).from(institution).where(where);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof institutionPageQuery>["execute"]>>[number];

export function toSummary(directory: JurisdictionDirectory, row: SummaryRow): InstitutionSummary {
  return {
    ...row,
    jurisdictionName: directory.name(row.jurisdictionCode),
    cityName: directory.cityOf(row.jurisdictionCode)?.name ?? "",
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Above this many matches of a short term, a page is found faster by walking the list's order and
 * testing each row than by collecting every match from the grams index and sorting them.
 */
const SHORT_TERM_SORT_LIMIT = 3000;

/**
 * A short term's matches are counted up to this many. Past it the exact number costs a visit to
 * every match (a two-character term is in most names of the province) and changes nothing a user
 * does: the list says "10,000+" (`totalCapped`) and the export still holds every match.
 */
export const SHORT_TERM_COUNT_CAP = 10_000;

/**
 * Whether the list is confined to one city's rows or fewer (by the caller's scope or a filter): a
 * few thousand rows at most, cheaper to test one by one than to look up in the grams index, whose
 * every short term holds tens of thousands of the province's rows.
 */
function narrowerThanProvince(directory: JurisdictionDirectory, scope: Scope, filters: InstitutionFilters): boolean {
  if (scope.kind === "institution" || (scope.kind === "jurisdiction" && scope.position !== "root")) return true;
  const filtered = filters.jurisdictionCode === undefined ? undefined : directory.positionOf(filters.jurisdictionCode);
  return filtered !== undefined && filtered.position !== "root";
}

/**
 * The statements of one list page: its count, and its page. Usually they run side by side. A one-
 * or two-character term within a city or less is tested on each of its rows. Province-wide, its
 * count comes first (capped) and decides how the page is found, since how common a short term is
 * cannot be told from statistics (names cluster by place).
 */
export function institutionListPlan(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: InstitutionListQuery) {
  const sort = institutionSort(query);
  const shortTerm = query.q !== undefined && isShortTerm(query.q.toLowerCase());
  if (!shortTerm || narrowerThanProvince(directory, scope, query)) {
    const where = institutionListCondition(directory, scope, query, shortTerm ? "scan" : "index");
    return { countFirst: false as const, count: institutionCountQuery(db, where), page: () => institutionPageQuery(db, where, sort, query) };
  }
  const indexed = institutionListCondition(directory, scope, query, "index");
  return {
    countFirst: true as const,
    count: cappedCountQuery(db, institution, indexed, SHORT_TERM_COUNT_CAP),
    cap: SHORT_TERM_COUNT_CAP,
    page: (total: number) =>
      institutionPageQuery(db, total > SHORT_TERM_SORT_LIMIT ? institutionListCondition(directory, scope, query, "scan") : indexed, sort, query),
  };
}

export async function listInstitutions(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: InstitutionListQuery) {
  const plan = institutionListPlan(db, directory, scope, query);
  const answer = (rows: SummaryRow[], total: number, totalCapped: boolean) => ({
    items: rows.map((row) => toSummary(directory, row)),
    total,
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
  });
  if (!plan.countFirst) {
    const [rows, [counted]] = await Promise.all([plan.page(), plan.count]);
    return answer(rows, counted?.total ?? 0, false);
  }
  const counted = (await plan.count)[0]?.total ?? 0;
  const rows = await plan.page(counted);
  return counted > plan.cap ? answer(rows, plan.cap, true) : answer(rows, counted, false);
}

export type InstitutionRow = typeof institution.$inferSelect;

/** Walks a filtered list in its sort order, a batch at a time (keyset), for the export. */
export function institutionBatches(db: DbOrTx, where: SQL, query: { sort?: InstitutionSort; order?: SortOrder }, batchSize?: number) {
  const sort = institutionSort(query);
  return keysetBatches(
    sort,
    (after, limit) =>
      db
        .select()
        .from(institution)
        .where(and(where, after))
        .orderBy(...orderByOf(sort))
        .limit(limit),
    batchSize,
  );
}

/**
 * One institution if it lies in the scope; `undefined` otherwise, so callers answer 404 either way.
 * `lock` holds the row until the transaction ends, for a change that reads it first.
 */
export async function findInstitution(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<InstitutionRow | undefined> {
  const query = db
    .select()
    .from(institution)
    .where(and(eq(institution.id, id), inScope(scope, INSTITUTION_SCOPE)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

/** The record as the caller sees it, with what their role lets them do to it. */
export function toDetail(directory: JurisdictionDirectory, row: InstitutionRow, actor: Actor): InstitutionDetail {
  const may = (permission: Parameters<typeof can>[1]) => actor.kind === "system" || can(actor.user.role, permission);
  const active = row.status === "active";
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    creditCodeChecksumOk: row.creditCodeChecksumOk,
    type: row.type,
    ownership: row.ownership,
    grade: row.grade,
    provincialDirect: row.provincialDirect,
    jurisdictionCode: row.jurisdictionCode,
    jurisdictionName: directory.name(row.jurisdictionCode),
    jurisdictionTrail: directory.trail(row.jurisdictionCode).map((j) => ({ code: j.code, name: j.name })),
    address: row.address,
    beds: row.beds,
    onDutyMedicalStaff: row.onDutyMedicalStaff,
    dailyOutpatientVisits: row.dailyOutpatientVisits,
    securityStaff: row.securityStaff,
    contactPerson: row.contactPerson,
    contactPhone: row.contactPhone,
    status: row.status,
    closure: active ? null : { status: row.status, date: row.closedOn ?? "", reason: row.closureReason ?? "" },
    staffing: requiredSecurityStaff(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions: {
      edit: active && may("institution:update"),
      editRegistry: may("institution:register"),
      deregister: active && may("institution:register"),
      restore: !active && may("institution:register"),
    },
  };
}

/** Which of `codes` are already registered (to any institution but `exceptId`). */
export async function registeredCreditCodes(db: DbOrTx, codes: string[], exceptId?: string): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ creditCode: institution.creditCode })
    .from(institution)
    .where(and(inArray(institution.creditCode, codes), exceptId ? ne(institution.id, exceptId) : undefined));
  return new Set(rows.map((r) => r.creditCode));
}
