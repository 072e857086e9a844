import { and, asc, count, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type {
  CHECKLIST_SORTS,
  ChecklistContent,
  ChecklistDetail,
  ChecklistFilters,
  ChecklistListQuery,
  ChecklistOwner,
  ChecklistSummary,
} from "../../../contracts/checklists";
import type { SortOrder } from "../../../contracts/common";
import { appUser, checklist, checklistVersion } from "../../../db/schema";
import { type Actor, actorCan } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

/**
 * Whose templates a caller reads: the shipped ones, their own authority's and those of the
 * authorities above it (every jurisdiction on their path). An institution's users read the same
 * as their county (their path is the county's), for self-inspection; the system reads all.
 */
export interface ChecklistReader {
  /** Jurisdiction codes on the caller's path; null for the system (every template). */
  chain: string[] | null;
  /** The caller's own authority, whose templates they may edit; null for institutions and the system. */
  ownCode: string | null;
  canManage: boolean;
}

export function readerOf(actor: Actor): ChecklistReader {
  if (actor.kind === "system") return { chain: null, ownCode: null, canManage: false };
  const path = actor.user.jurisdictionPath ?? "";
  return { chain: path.split("/").filter(Boolean), ownCode: actor.user.jurisdictionCode, canManage: actorCan(actor, "checklist:manage") };
}

/** The templates a reader may see: out of it, a template reads as missing. */
export function visibleTo(reader: ChecklistReader): SQL | undefined {
  if (reader.chain === null) return undefined;
  return reader.chain.length > 0 ? or(isNull(checklist.authorityCode), inArray(checklist.authorityCode, reader.chain)) : isNull(checklist.authorityCode);
}

const ownerCondition = (reader: ChecklistReader, owner: ChecklistOwner): SQL | undefined => {
  switch (owner) {
    case "shipped":
      return isNull(checklist.authorityCode);
    case "own":
      return reader.ownCode ? eq(checklist.authorityCode, reader.ownCode) : sql`false`;
    case "above":
      return reader.ownCode
        ? and(sql`${checklist.authorityCode} is not null`, ne(checklist.authorityCode, reader.ownCode))
        : sql`${checklist.authorityCode} is not null`;
  }
};

const ownerOf = (reader: ChecklistReader, authorityCode: string | null): ChecklistOwner =>
  authorityCode === null ? "shipped" : authorityCode === reader.ownCode ? "own" : "above";

const fromChecklists = (db: DbOrTx) =>
  db
    .select({ row: checklist, itemCount: checklistVersion.itemCount, maxScore: checklistVersion.maxScore })
    .from(checklist)
    .innerJoin(checklistVersion, and(eq(checklistVersion.checklistId, checklist.id), eq(checklistVersion.version, checklist.currentVersion)));

export type ChecklistListRow = Awaited<ReturnType<ReturnType<typeof fromChecklists>["execute"]>>[number];

const CHECKLIST_SORT: SortSpec<keyof typeof CHECKLIST_SORTS, ChecklistListRow> = {
  columns: {
    name: { by: [checklist.name], valuesOf: (r) => [r.row.name] },
    updatedAt: { by: [checklist.updatedAt], valuesOf: (r) => [r.row.updatedAt] },
    itemCount: { by: [checklistVersion.itemCount], thenAscending: [checklist.name], valuesOf: (r) => [r.itemCount, r.row.name] },
  },
  defaultKey: "name",
  defaultOrder: { updatedAt: "desc" },
  tiebreak: { column: checklist.id, valueOf: (r) => r.row.id },
};

export function toSummary(directory: JurisdictionDirectory, reader: ChecklistReader, source: ChecklistListRow): ChecklistSummary {
  const { row } = source;
  const owner = ownerOf(reader, row.authorityCode);
  return {
    id: row.id,
    name: row.name,
    owner,
    ownerName: row.authorityCode === null ? "系统内置" : (directory.get(row.authorityCode)?.authorityName ?? row.authorityCode),
    scored: row.scored,
    currentVersion: row.currentVersion,
    itemCount: source.itemCount,
    maxScore: source.maxScore,
    archived: row.archived,
    updatedAt: row.updatedAt.toISOString(),
    editable: owner === "own" && reader.canManage,
  };
}

/** The WHERE clause of the filtered list a reader sees; shared by the list, its count and the export. */
export function checklistListCondition(reader: ChecklistReader, filters: ChecklistFilters): SQL | undefined {
  return and(
    visibleTo(reader),
    filters.name ? sql`${checklist.name} like ${substringPattern(filters.name)}` : undefined,
    filters.scored === undefined ? undefined : eq(checklist.scored, filters.scored),
    filters.owner ? ownerCondition(reader, filters.owner) : undefined,
    filters.archived === undefined ? undefined : eq(checklist.archived, filters.archived),
  );
}

export async function listChecklists(db: DbOrTx, directory: JurisdictionDirectory, reader: ChecklistReader, query: ChecklistListQuery) {
  const where = checklistListCondition(reader, query);
  const [rows, [counted]] = await Promise.all([
    fromChecklists(db)
      .where(where)
      .orderBy(...orderByOf(resolveSort(CHECKLIST_SORT, query)))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(checklist).where(where),
  ]);
  return { items: rows.map((row) => toSummary(directory, reader, row)), total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Walks the filtered list in its order, a batch at a time (keyset), for the export. */
export async function* checklistBatches(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  reader: ChecklistReader,
  query: ChecklistFilters & { sort?: keyof typeof CHECKLIST_SORTS; order?: SortOrder },
) {
  const sort = resolveSort(CHECKLIST_SORT, query);
  const where = checklistListCondition(reader, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    fromChecklists(db)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map((row) => toSummary(directory, reader, row));
}

/** A version as a form or a picker offers it, with its template's name: over checklist_version joined with its checklist. */
export const versionOfferColumns = {
  versionId: checklistVersion.id,
  checklistId: checklist.id,
  name: checklist.name,
  version: checklistVersion.version,
  scored: checklist.scored,
  content: checklistVersion.content,
};

/**
 * The current version of every template a reader may plan or inspect with (visible, not archived),
 * shipped ones first, then by name: what a campaign's picker and a self-inspection's form offer.
 */
export function currentVersions(db: DbOrTx, reader: ChecklistReader) {
  return db
    .select({ ...versionOfferColumns, itemCount: checklistVersion.itemCount })
    .from(checklist)
    .innerJoin(checklistVersion, and(eq(checklistVersion.checklistId, checklist.id), eq(checklistVersion.version, checklist.currentVersion)))
    .where(and(eq(checklist.archived, false), visibleTo(reader)))
    .orderBy(sql`${checklist.authorityCode} nulls first`, sql`${checklist.name} collate "zh-x-icu"`, asc(checklist.id));
}

/** One template through the reader's visibility (another authority's reads as missing), locked when it is to change. */
export async function findChecklist(db: DbOrTx, reader: ChecklistReader, id: string, options: { lock?: boolean } = {}) {
  const query = fromChecklists(db).where(and(eq(checklist.id, id), visibleTo(reader)));
  const [found] = options.lock ? await query.for("update", { of: checklist }) : await query;
  return found;
}

/** The template with its versions and the content of one of them (the current one unless asked). */
export async function checklistDetail(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  reader: ChecklistReader,
  source: ChecklistListRow,
  version?: number,
): Promise<ChecklistDetail | undefined> {
  const versions = await db
    .select({ version: checklistVersion, createdByName: appUser.displayName })
    .from(checklistVersion)
    .leftJoin(appUser, eq(appUser.id, checklistVersion.createdBy))
    .where(eq(checklistVersion.checklistId, source.row.id))
    .orderBy(asc(checklistVersion.version));
  const shown = versions.find((v) => v.version.version === (version ?? source.row.currentVersion));
  if (!shown) return undefined;
  return {
    ...toSummary(directory, reader, source),
    versions: versions.map(({ version: v, createdByName }) => ({
      version: v.version,
      itemCount: v.itemCount,
      maxScore: v.maxScore,
      firstUsedAt: v.firstUsedAt?.toISOString() ?? null,
      createdAt: v.createdAt.toISOString(),
      createdByName,
    })),
    shownVersion: shown.version.version,
    content: shown.version.content as ChecklistContent,
  };
}
