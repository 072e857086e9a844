import { and, asc, count, eq, gt, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { Role } from "../../../contracts/enums";
import type { InstitutionDetail, InstitutionFilters, InstitutionListQuery, InstitutionSummary } from "../../../contracts/institutions";
import { institution } from "../../../db/schema";
import { can } from "../../../domain/permissions";
import type { Scope } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { badRequest } from "../../platform/http/errors";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

/** `LIKE` pattern for a substring, with the user's own % and _ taken literally. */
export const substringPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Institutions under a jurisdiction, in the cheapest form that selects exactly them. Institutions
 * sit only at leaves (counties), so:
 * - the province, the tree's only root, holds every institution: no predicate (testing the path of
 *   each of the 80,000 rows took a third of a province-wide count);
 * - a leaf's subtree is its one path: equality lets institution_path_idx (path, name, id) hand over
 *   a page already in name order, where a prefix match has to sort or walk the whole name index;
 * - anything between (a city) is a prefix match on the path.
 */
function underJurisdiction(directory: JurisdictionDirectory, code: string, path: string): SQL | undefined {
  if (directory.coversAll(code)) return undefined;
  if (directory.get(code)?.isLeaf) return eq(institution.jurisdictionPath, path);
  return sql`${institution.jurisdictionPath} like ${`${path}%`}`;
}

/** The institutions a scope may see: every institution query goes through this. */
export function institutionsInScope(directory: JurisdictionDirectory, scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "jurisdiction":
      return underJurisdiction(directory, scope.code, scope.path);
    case "institution":
      return eq(institution.id, scope.institutionId);
  }
}

/** The WHERE clause of a scoped, filtered institution list; shared by the list, its count and the export. */
export function institutionListCondition(directory: JurisdictionDirectory, scope: Scope, filters: InstitutionFilters): SQL {
  const conditions: (SQL | undefined)[] = [institutionsInScope(directory, scope)];
  if (filters.jurisdictionCode) {
    const j = directory.get(filters.jurisdictionCode);
    if (!j) throw badRequest("所在行政区划：不存在", "jurisdictionCode");
    conditions.push(underJurisdiction(directory, j.code, j.path));
  }
  if (filters.type) conditions.push(eq(institution.type, filters.type));
  if (filters.grade) conditions.push(eq(institution.grade, filters.grade));
  if (filters.ownership) conditions.push(eq(institution.ownership, filters.ownership));
  if (filters.provincialDirect !== undefined) conditions.push(eq(institution.provincialDirect, filters.provincialDirect));
  // search_text is "name credit_code" in lower case under a trigram index: a substring of either,
  // any length, any case. LIKE on the lowered term, not ILIKE, which lowers every row as it goes.
  if (filters.q) conditions.push(sql`${institution.searchText} like lower(${substringPattern(filters.q)})`);
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
};

export function institutionPageQuery(db: DbOrTx, where: SQL, page: { page: number; pageSize: number }) {
  return db
    .select(summaryColumns)
    .from(institution)
    .where(where)
    .orderBy(asc(institution.name), asc(institution.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
}

export const institutionCountQuery = (db: DbOrTx, where: SQL) => db.select({ total: count() }).from(institution).where(where);

export async function listInstitutions(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: InstitutionListQuery) {
  const where = institutionListCondition(directory, scope, query);
  const [rows, [counted]] = await Promise.all([institutionPageQuery(db, where, query), institutionCountQuery(db, where)]);
  const items: InstitutionSummary[] = rows.map((row) => ({ ...row, jurisdictionName: directory.name(row.jurisdictionCode) }));
  return { items, total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Walks a filtered list in name order, `batchSize` rows at a time (keyset, so deep batches stay cheap). */
export async function* institutionBatches(db: DbOrTx, where: SQL, batchSize = 2000) {
  let after: { name: string; id: string } | undefined;
  for (;;) {
    const keyset = after ? or(gt(institution.name, after.name), and(eq(institution.name, after.name), gt(institution.id, after.id))) : undefined;
    const rows = await db.select().from(institution).where(and(where, keyset)).orderBy(asc(institution.name), asc(institution.id)).limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1] as (typeof rows)[number];
    after = { name: last.name, id: last.id };
  }
}

export type InstitutionRow = typeof institution.$inferSelect;

/** One institution if it lies in the scope; `undefined` otherwise, so callers answer 404 either way. */
export async function findInstitution(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, id: string): Promise<InstitutionRow | undefined> {
  const [row] = await db
    .select()
    .from(institution)
    .where(and(eq(institution.id, id), institutionsInScope(directory, scope)));
  return row;
}

/** The record as the caller sees it, with what their role lets them do to it. */
export function toDetail(directory: JurisdictionDirectory, row: InstitutionRow, role: Role): InstitutionDetail {
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
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions: { edit: can(role, "institution:update"), editRegistry: can(role, "institution:register") },
  };
}

/** Institution counts of the scope by type and grade, for the home page. */
export async function countByTypeAndGrade(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope) {
  return db
    .select({ type: institution.type, grade: institution.grade, count: count() })
    .from(institution)
    .where(institutionsInScope(directory, scope))
    .groupBy(institution.type, institution.grade);
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
