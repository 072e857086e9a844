/**
 * An authority's queues of major hazards under 挂牌督办 (ADR 11): those it is to list, lists and has
 * delisted, and those of its own area the level above lists; filtered, sorted, a page at a time or
 * exported whole.
 */
import { and, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { clockText, type ListingExportQuery, type ListingQueueItem, type ListingSort } from "../../../contracts/listings";
import { hazard, hazardListing, institution } from "../../../db/schema";
import { chinaMinute } from "../../../domain/calendar";
import { HAZARD_STATES, OPEN_STATES } from "../../../domain/hazard-lifecycle";
import { listingAuthorityCode } from "../../../domain/hazard-listing";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { badRequest, forbidden } from "../../platform/http/errors";
import type { FileReply } from "../../platform/http/routes";
import type { ExportColumn } from "../../platform/list/excel-export";
import { exportList } from "../../platform/list/export-list";
import { orderByOf, substringPattern } from "../../platform/list/sorting";
import { inScope, underJurisdiction } from "../../platform/scope";
import { HAZARD_SCOPE, toSummary } from "./queries";
import { authorityName, clocksOf, toListing } from "./supervision-view";

type QueueDeps = Pick<AppDeps, "db" | "directory" | "clock">;

/**
 * Hazards whose institutions sit one level below the authority at `path` (or at it, for the
 * province): those it lists. A county's are "/p/c/x/"; a city's own "/p/c/" go to the province.
 */
function listedBy(path: string, isRoot: boolean): SQL {
  const pattern = isRoot ? `^${path}([0-9]{6}/)?$` : `^${path}[0-9]{6}/$`;
  return sql`${hazard.jurisdictionPath} ~ ${pattern}`;
}

/** What each sort orders by in SQL; 紧急程度 then puts the late items first (their clocks are computed, not stored). */
const SORT_EXPRESSIONS: Record<ListingSort, SQL> = {
  urgency: sql`coalesce(${hazard.deadline}, 'infinity'::date)`,
  deadline: sql`coalesce(${hazardListing.deadline}, ${hazard.deadline}, 'infinity'::date)`,
  listedOn: sql`${hazardListing.listedOn}`,
  number: sql`${hazard.number}`,
};

/** The filters the database applies: the view, the scope, the jurisdiction, the text and 签收. */
function queueCondition({ directory }: Pick<AppDeps, "directory">, actor: UserActor, code: string, query: ListingExportQuery): SQL | undefined {
  const own = directory.get(code);
  if (!own) throw forbidden("只有监管部门有挂牌督办事项");
  const major = eq(hazard.grade, "major");
  const open = sql`${hazard.state} in (${sql.join(
    OPEN_STATES.map((state) => sql`${state}`),
    sql`, `,
  )})`;
  const isRoot = !own.parentCode;
  const view: SQL | undefined = {
    to_list: and(
      major,
      open,
      listedBy(own.path, isRoot),
      sql`not exists (select 1 from ${hazardListing} where ${hazardListing.hazardId} = ${hazard.id} and ${hazardListing.delistedOn} is null)`,
    ),
    active: and(eq(hazardListing.listingAuthorityCode, code), isNull(hazardListing.delistedOn)),
    delisted: and(eq(hazardListing.listingAuthorityCode, code), isNotNull(hazardListing.delistedOn)),
    requested: and(major, sql`not (${listedBy(own.path, isRoot)})`),
  }[query.view];
  const conditions: (SQL | undefined)[] = [view, inScope(actor.scope, HAZARD_SCOPE)];
  if (query.jurisdictionCode) {
    const position = directory.positionOf(query.jurisdictionCode);
    if (!position) throw badRequest("行政区划：不存在", "jurisdictionCode");
    conditions.push(underJurisdiction(position, hazard.jurisdictionPath));
  }
  if (query.q) {
    const pattern = substringPattern(query.q.toLowerCase());
    conditions.push(sql`(lower(${hazard.number}) like ${pattern} or ${institution.searchText} like ${pattern} or ${hazard.searchText} like ${pattern})`);
  }
  if (query.acknowledged !== undefined) {
    conditions.push(query.acknowledged ? isNotNull(hazardListing.acknowledgedAt) : and(isNotNull(hazardListing.id), isNull(hazardListing.acknowledgedAt)));
  }
  return and(...conditions);
}

/**
 * The whole of one queue as filtered and sorted. Each is small (about one hazard in a hundred is
 * major), so the clocks, which need the working-day calendar, are computed for the whole queue,
 * and the late items filtered or put first, before a page is cut.
 */
export async function listingQueueItems(deps: QueueDeps, actor: UserActor, query: ListingExportQuery): Promise<ListingQueueItem[]> {
  const { db, directory, clock } = deps;
  const code = actor.user.jurisdictionCode;
  if (!code) throw forbidden("只有监管部门有挂牌督办事项");
  const where = queueCondition(deps, actor, code, query);
  const today = clock.today();
  const withListing = query.view === "active" || query.view === "delisted";
  const base = db
    .select({ row: hazard, institutionName: institution.name, jurisdictionCode: institution.jurisdictionCode, listing: hazardListing })
    .from(hazard)
    .innerJoin(institution, eq(institution.id, hazard.institutionId));
  const sortKey = query.sort ?? "urgency";
  const order = query.order ?? "asc";
  const rows = await (withListing
    ? base.innerJoin(hazardListing, eq(hazardListing.hazardId, hazard.id))
    : base.leftJoin(
        hazardListing,
        and(
          eq(hazardListing.hazardId, hazard.id),
          sql`${hazardListing.createdAt} = (select max(l.created_at) from hazard_listing l where l.hazard_id = ${hazard.id})`,
        ),
      )
  )
    .where(where)
    .orderBy(
      ...orderByOf({
        terms: [
          { expression: SORT_EXPRESSIONS[sortKey], order },
          { expression: hazard.id, order },
        ],
      }),
    );
  const items: ListingQueueItem[] = [];
  for (const found of rows) {
    const listingCode = found.listing?.listingAuthorityCode ?? listingAuthorityCode(found.row.jurisdictionPath);
    const clocks = found.listing ? await clocksOf(db, directory, listingCode, found.listing, found.row, today) : [];
    const summary = toSummary(directory, found, today);
    const late = summary.overdue || clocks.some((c) => c.late);
    if (query.late !== undefined && late !== query.late) continue;
    items.push({
      id: found.row.id,
      version: found.row.version,
      hazard: summary,
      listingAuthorityName: authorityName(directory, listingCode),
      listing: found.listing ? toListing(found.listing) : null,
      clocks,
      late,
    });
  }
  // A stable sort: within late and not late, the order by deadline stays.
  if (sortKey === "urgency") items.sort((a, b) => Number(b.late) - Number(a.late));
  return items;
}

/** One page of a queue. */
export async function listingQueue(deps: QueueDeps, actor: UserActor, query: ListingExportQuery & { page: number; pageSize: number }) {
  const items = await listingQueueItems(deps, actor, query);
  const start = (query.page - 1) * query.pageSize;
  return { items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
}

const yesNo = (value: boolean) => (value ? "是" : "否");

/** What a listing authority files and reports of each item: the hazard, the listing, its dates and clocks. */
export const LISTING_EXPORT_COLUMNS: ExportColumn<ListingQueueItem>[] = [
  { header: "隐患编号", width: 22, value: (item) => item.hazard.number },
  { header: "被督办机构", width: 28, value: (item) => item.hazard.institutionName },
  { header: "所在县（市、区）", width: 14, value: (item) => item.hazard.jurisdictionName },
  { header: "隐患描述", width: 40, value: (item) => item.hazard.description },
  { header: "隐患状态", width: 10, value: (item) => HAZARD_STATES[item.hazard.state as keyof typeof HAZARD_STATES] ?? item.hazard.state },
  { header: "是否逾期", width: 8, value: (item) => yesNo(item.hazard.overdue) },
  { header: "挂牌督办部门", width: 22, value: (item) => item.listingAuthorityName },
  { header: "挂牌文号", width: 22, value: (item) => item.listing?.documentNumber ?? "待挂牌" },
  { header: "督办责任部门", width: 22, value: (item) => item.listing?.supervisingDepartment ?? "" },
  { header: "挂牌日期", width: 12, value: (item) => item.listing?.listedOn ?? "" },
  { header: "整改时限", width: 12, value: (item) => item.listing?.deadline ?? item.hazard.deadline },
  { header: "签收时间", width: 17, value: (item) => (item.listing?.acknowledgedAt ? chinaMinute(new Date(item.listing.acknowledgedAt)) : "") },
  { header: "挂牌公布日期", width: 12, value: (item) => item.listing?.publishedOn ?? "" },
  { header: "摘牌日期", width: 12, value: (item) => item.listing?.delistedOn ?? "" },
  { header: "摘牌公布日期", width: 12, value: (item) => item.listing?.delistingPublishedOn ?? "" },
  { header: "法定时限", width: 60, value: (item) => item.clocks.map(clockText).join("；") },
  { header: "是否超期", width: 8, value: (item) => yesNo(item.late) },
];

/** The queue as filtered and sorted on the page, every item of it, as .xlsx. */
export async function exportListingQueue(deps: QueueDeps, actor: UserActor, query: ListingExportQuery): Promise<FileReply> {
  const items = await listingQueueItems(deps, actor, query);
  return exportList(deps.db, actor, {
    action: "hazard_listing.export",
    targetType: "hazard",
    filters: query,
    fileName: `挂牌督办-${deps.clock.today()}.xlsx`,
    sheetName: "挂牌督办",
    columns: LISTING_EXPORT_COLUMNS,
    batches: (async function* () {
      yield items;
    })(),
  });
}
