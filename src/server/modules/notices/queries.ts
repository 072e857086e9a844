import { and, asc, eq, gte, isNotNull, isNull, lte, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SortOrder } from "../../../contracts/common";
import type { NOTICE_SORTS, NoticeDetail, NoticeFilters, NoticeListQuery, NoticeSummary } from "../../../contracts/notices";
import { appUser, hazard, institution, notice, noticeHazard } from "../../../db/schema";
import type { NoticeContent, NoticeKind } from "../../../domain/notices";
import type { DbOrTx } from "../../platform/db";
import { numberedPage } from "../../platform/list/numbered-page";
import { keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import { inScope, type Scope } from "../../platform/scope";

/** Notices are scoped like their institution: by its jurisdiction path, or by the institution itself. */
export const NOTICE_SCOPE = { path: notice.jurisdictionPath, institutionId: notice.institutionId };

const issuer = alias(appUser, "issuer");
const acknowledger = alias(appUser, "acknowledger");

const noticeColumns = {
  row: notice,
  institutionName: institution.name,
  issuedByName: issuer.displayName,
  acknowledgedByName: acknowledger.displayName,
  hazardCount: sql<number>`(select count(*)::int from ${noticeHazard} where ${noticeHazard.noticeId} = ${notice.id})`,
};

const fromNotices = (db: DbOrTx) =>
  db
    .select(noticeColumns)
    .from(notice)
    .innerJoin(institution, eq(institution.id, notice.institutionId))
    .innerJoin(issuer, eq(issuer.id, notice.issuedBy))
    .leftJoin(acknowledger, eq(acknowledger.id, notice.acknowledgedBy));

export type NoticeRow = Awaited<ReturnType<ReturnType<typeof fromNotices>["execute"]>>[number];

/** Not yet signed for sorts as the latest: the notices still waiting stand together at one end. */
const NOT_YET = new Date("9999-12-31T00:00:00Z");
const NOTICE_SORT: SortSpec<keyof typeof NOTICE_SORTS, NoticeRow> = {
  columns: {
    issuedOn: { by: [notice.issuedOn, notice.createdAt], valuesOf: (r) => [r.row.issuedOn, r.row.createdAt] },
    number: { by: [notice.number], valuesOf: (r) => [r.row.number] },
    acknowledgedAt: { by: [sql`coalesce(${notice.acknowledgedAt}, ${NOT_YET})`], valuesOf: (r) => [r.row.acknowledgedAt ?? NOT_YET] },
  },
  defaultKey: "issuedOn",
  defaultOrder: { issuedOn: "desc", acknowledgedAt: "desc" },
  tiebreak: { column: notice.id, valueOf: (r) => r.row.id },
};

export function toSummary(source: NoticeRow): NoticeSummary {
  const { row } = source;
  const content = row.content as NoticeContent;
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as NoticeKind,
    institutionId: row.institutionId,
    institutionName: source.institutionName,
    authorityName: content.authorityName,
    issuedOn: row.issuedOn,
    issuedByName: source.issuedByName,
    hazardCount: source.hazardCount,
    deadline: content.deadline,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedByName: source.acknowledgedByName,
  };
}

/** The WHERE clause of a scoped, filtered notice list; shared by the list, its count and the export. */
export function noticeListCondition(scope: Scope, filters: NoticeFilters): SQL | undefined {
  return and(
    inScope(scope, NOTICE_SCOPE),
    filters.number ? sql`${notice.number} like ${substringPattern(filters.number)}` : undefined,
    filters.institutionId ? eq(notice.institutionId, filters.institutionId) : undefined,
    filters.kind ? eq(notice.kind, filters.kind) : undefined,
    filters.acknowledged === undefined ? undefined : filters.acknowledged ? isNotNull(notice.acknowledgedAt) : isNull(notice.acknowledgedAt),
    filters.issuedFrom ? gte(notice.issuedOn, filters.issuedFrom) : undefined,
    filters.issuedTo ? lte(notice.issuedOn, filters.issuedTo) : undefined,
  );
}

export async function listNotices(db: DbOrTx, scope: Scope, query: NoticeListQuery) {
  const where = noticeListCondition(scope, query);
  const page = await numberedPage(db, query, { table: notice, where }, ({ limit, offset }) =>
    fromNotices(db)
      .where(where)
      .orderBy(...orderByOf(resolveSort(NOTICE_SORT, query)))
      .limit(limit)
      .offset(offset),
  );
  return { ...page, items: page.items.map(toSummary) };
}

/** Walks a filtered notice list in its order, a batch at a time (keyset), for the export. */
export async function* noticeBatches(db: DbOrTx, where: SQL | undefined, query: { sort?: keyof typeof NOTICE_SORTS; order?: SortOrder }) {
  const sort = resolveSort(NOTICE_SORT, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    fromNotices(db)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map(toSummary);
}

/** One notice through the caller's scope (out of scope reads as missing), locked when it is to change. */
export async function findNotice(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<NoticeRow | undefined> {
  const query = fromNotices(db).where(and(eq(notice.id, id), inScope(scope, NOTICE_SCOPE)));
  const [found] = options.lock ? await query.for("update", { of: notice }) : await query;
  return found;
}

/** The public page each notice's QR code opens. */
export const verifyPathOf = (verifyCode: string) => `/verify/${verifyCode}`;

/** The notice with its text as issued and its hazards as they stand now. */
export async function noticeDetail(db: DbOrTx, source: NoticeRow): Promise<NoticeDetail> {
  const hazards = await db
    .select({ id: hazard.id, number: hazard.number, place: hazard.place, description: hazard.description, state: hazard.state, deadline: hazard.deadline })
    .from(noticeHazard)
    .innerJoin(hazard, eq(hazard.id, noticeHazard.hazardId))
    .where(eq(noticeHazard.noticeId, source.row.id))
    .orderBy(asc(hazard.number));
  return { ...toSummary(source), content: source.row.content as NoticeContent, hazards, verifyPath: verifyPathOf(source.row.verifyCode) };
}

/**
 * What the public verification answers for a code, or undefined for a code no notice carries: the
 * number, authority, date and addressee as issued (a later rename does not change what was sent).
 */
export async function verificationOf(db: DbOrTx, code: string) {
  const [found] = await db
    .select({ number: notice.number, issuedOn: notice.issuedOn, content: notice.content })
    .from(notice)
    .where(eq(notice.verifyCode, code));
  if (!found) return undefined;
  const content = found.content as NoticeContent;
  return { genuine: true as const, number: found.number, authorityName: content.authorityName, issuedOn: found.issuedOn, institutionName: content.addressee };
}
