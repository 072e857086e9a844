import { and, asc, count, desc, eq, gt, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  type AssignmentCounts,
  type AssignmentFilters,
  type AssignmentListQuery,
  type AssignmentSort,
  type AssignmentSummary,
  type CampaignDetail,
  type CampaignFilters,
  type CampaignListQuery,
  type CampaignSort,
  type CampaignSummary,
  campaignPhase,
  type MyAssignment,
} from "../../../contracts/campaigns";
import type { SortOrder } from "../../../contracts/common";
import { campaign, campaignAssignment, campaignChecklist, checklist, checklistVersion, institution, workingGroup } from "../../../db/schema";
import type { AssignmentState, CampaignKind, CampaignSelection } from "../../../domain/inspections";
import type { Actor } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { badRequest, notFound } from "../../platform/http/errors";
import { keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";
import { type Scope, underJurisdiction } from "../../platform/scope";
import { versionOfferColumns } from "../checklists/queries";
import { nameInPinyin } from "../institutions/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { type StoredScopeRule, scopeLines } from "./scope-rule";
import { visibleAssignments, visibleCampaigns } from "./visibility";

export type CampaignRow = typeof campaign.$inferSelect;

/**
 * The counts of a campaign's assignments by state, read from the (campaign, state, path) index. The
 * outer campaign is spelled out: Drizzle writes a single-table select's own columns unqualified.
 */
const countOf = (state?: AssignmentState) =>
  sql<number>`(select count(*)::int from campaign_assignment a where a.campaign_id = ${sql.raw(`"campaign"."id"`)}${state ? sql` and a.state = ${state}` : sql``})`;

const summaryColumns = {
  row: campaign,
  total: countOf(),
  pending: countOf("pending"),
  inspected: countOf("inspected"),
  notApplicable: countOf("not_applicable"),
};

type SummarySource = { row: CampaignRow; total: number; pending: number; inspected: number; notApplicable: number };

export function toSummary(directory: JurisdictionDirectory, source: SummarySource, today: string): CampaignSummary {
  const { row } = source;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CampaignKind,
    selection: row.selection as CampaignSelection,
    authorityCode: row.authorityCode,
    authorityName: directory.get(row.authorityCode)?.authorityName ?? row.authorityCode,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    unannounced: row.unannounced,
    phase: campaignPhase(row, today),
    followUpOf: row.followUpOf,
    progress: { total: source.total, pending: source.pending, inspected: source.inspected, notApplicable: source.notApplicable },
    createdAt: row.createdAt.toISOString(),
  };
}

const CAMPAIGN_SORT: SortSpec<CampaignSort, SummarySource> = {
  columns: {
    periodStart: { by: [campaign.periodStart], valuesOf: (r) => [r.row.periodStart] },
    name: { by: [sql`${campaign.name} collate "zh-x-icu"`], valuesOf: (r) => [r.row.name] },
    createdAt: { by: [campaign.createdAt], valuesOf: (r) => [r.row.createdAt] },
  },
  defaultKey: "periodStart",
  defaultOrder: { periodStart: "desc", createdAt: "desc" },
  tiebreak: { column: campaign.id, valueOf: (r) => r.row.id },
};

/** The WHERE clause of the caller's filtered campaign list; the list, its count and its export share it. */
export function campaignListCondition(scope: Scope, filters: CampaignFilters, today: string): SQL | undefined {
  return and(
    visibleCampaigns(scope),
    filters.name ? sql`lower(${campaign.name}) like ${substringPattern(filters.name.toLowerCase())}` : undefined,
    filters.kind ? eq(campaign.kind, filters.kind) : undefined,
    filters.phase === "planned" ? gt(campaign.periodStart, today) : undefined,
    filters.phase === "ongoing" ? and(lte(campaign.periodStart, today), gte(campaign.periodEnd, today)) : undefined,
    filters.phase === "finished" ? lt(campaign.periodEnd, today) : undefined,
    // Periods that overlap the days asked for.
    filters.from ? gte(campaign.periodEnd, filters.from) : undefined,
    filters.to ? lte(campaign.periodStart, filters.to) : undefined,
  );
}

export async function listCampaigns(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: CampaignListQuery, today: string) {
  const where = campaignListCondition(scope, query, today);
  const [rows, [counted]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(campaign)
      .where(where)
      .orderBy(...orderByOf(resolveSort(CAMPAIGN_SORT, query)))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(campaign).where(where),
  ]);
  return { items: rows.map((row) => toSummary(directory, row, today)), total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function* campaignBatches(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  where: SQL | undefined,
  query: { sort?: CampaignSort; order?: SortOrder },
  today: string,
) {
  const sort = resolveSort(CAMPAIGN_SORT, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    db
      .select(summaryColumns)
      .from(campaign)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map((row) => toSummary(directory, row, today));
}

/** One campaign through the caller's visibility (out of sight reads as missing), locked when it is to change. */
export async function findCampaign(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<CampaignRow | undefined> {
  const query = db
    .select()
    .from(campaign)
    .where(and(eq(campaign.id, id), visibleCampaigns(scope)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

export const CAMPAIGN_NOT_FOUND = "检查工作不存在";

/** One campaign through the caller's visibility, or 404: another county's, and an unannounced one an institution may not see yet, read as missing. */
export async function requireCampaign(db: DbOrTx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<CampaignRow> {
  const row = await findCampaign(db, scope, id, options);
  if (!row) throw notFound(CAMPAIGN_NOT_FOUND);
  return row;
}

/**
 * The key of the jurisdiction directly under `path` that a row's path lies in (the row's own when `path` is a leaf): each
 * code adds 7 characters ("410225/"). The length is written into the statement, so GROUP BY and SELECT are one expression.
 */
export const childKeyOf = (column: AnyPgColumn, path: string) => sql<string>`left(${column}, ${sql.raw(String(path.length + 7))})`;
/** The code at the end of a path ("/410000/410200/" → "410200"). */
export const codeOfPath = (path: string) => path.split("/").filter(Boolean).pop() ?? "";

/** A campaign's assignments counted by the jurisdiction directly under its authority, and in total, from the index alone. */
async function campaignCoverage(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, row: CampaignRow) {
  const key = childKeyOf(campaignAssignment.jurisdictionPath, row.authorityPath);
  const rows = await db
    .select({
      key,
      total: sql<number>`count(*)::int`,
      pending: sql<number>`(count(*) filter (where ${campaignAssignment.state} = 'pending'))::int`,
      inspected: sql<number>`(count(*) filter (where ${campaignAssignment.state} = 'inspected'))::int`,
      notApplicable: sql<number>`(count(*) filter (where ${campaignAssignment.state} = 'not_applicable'))::int`,
    })
    .from(campaignAssignment)
    .innerJoin(campaign, eq(campaign.id, campaignAssignment.campaignId))
    .where(and(eq(campaignAssignment.campaignId, row.id), visibleAssignments(scope)))
    .groupBy(key)
    .orderBy(key);
  const total: AssignmentCounts = { total: 0, pending: 0, inspected: 0, notApplicable: 0 };
  for (const r of rows) for (const field of ["total", "pending", "inspected", "notApplicable"] as const) total[field] += r[field];
  return {
    rows: rows.map(({ key: path, ...counts }) => ({ code: codeOfPath(path), name: directory.name(codeOfPath(path)), ...counts })),
    total,
  };
}

/** When a 回头看's list was last made, from its stored rule (null: not yet). */
export const listMadeAtOf = (row: CampaignRow) => {
  const rule = row.scopeRule as StoredScopeRule;
  return rule.kind === "follow_up" ? rule.listMadeAt : null;
};

/** The checklist versions a campaign inspects with (campaign_checklist), in the order it lists them, with their content. */
export function campaignChecklistVersions(db: DbOrTx, campaignId: string) {
  return db
    .select(versionOfferColumns)
    .from(campaignChecklist)
    .innerJoin(checklistVersion, eq(checklistVersion.id, campaignChecklist.checklistVersionId))
    .innerJoin(checklist, eq(checklist.id, checklistVersion.checklistId))
    .where(eq(campaignChecklist.campaignId, campaignId))
    .orderBy(asc(campaignChecklist.ordinal));
}

/** The only authority that changes a campaign is the one that made it; those above it watch. */
export const managesCampaign = (actor: Actor, row: CampaignRow) =>
  actor.kind === "system" || (actor.user.role === "authority_admin" && actor.user.jurisdictionCode === row.authorityCode);

export async function campaignDetail(
  deps: { db: DbOrTx; directory: JurisdictionDirectory },
  actor: Actor,
  row: CampaignRow,
  today: string,
): Promise<CampaignDetail> {
  const { db, directory } = deps;
  const [[summary], checklists, [followUp], [firstRound], coverage] = await Promise.all([
    db.select(summaryColumns).from(campaign).where(eq(campaign.id, row.id)),
    campaignChecklistVersions(db, row.id),
    db
      .select({ row: campaign, assignments: countOf() })
      .from(campaign)
      .where(and(eq(campaign.followUpOf, row.id), visibleCampaigns(actor.scope)))
      .orderBy(desc(campaign.createdAt))
      .limit(1),
    row.followUpOf
      ? db
          .select({ id: campaign.id, name: campaign.name, periodEnd: campaign.periodEnd })
          .from(campaign)
          .where(and(eq(campaign.id, row.followUpOf), visibleCampaigns(actor.scope)))
      : Promise.resolve([]),
    campaignCoverage(db, directory, actor.scope, row),
  ]);
  if (!summary) throw new Error("campaign vanished");
  const manage = managesCampaign(actor, row);
  return {
    ...toSummary(directory, summary, today),
    checklists: checklists.map(({ versionId, name, version }) => ({ versionId, name, version })),
    scopeLines: scopeLines(directory, row.scopeRule),
    followUp: followUp
      ? {
          id: followUp.row.id,
          name: followUp.row.name,
          periodStart: followUp.row.periodStart,
          periodEnd: followUp.row.periodEnd,
          listMadeAt: listMadeAtOf(followUp.row),
          assignments: followUp.assignments,
        }
      : null,
    firstRound: firstRound ?? null,
    listMadeAt: listMadeAtOf(row),
    coverage,
    actions: { manage, makeFollowUpList: manage && row.kind === "follow_up" && row.followUpOf !== null },
  };
}

const assignmentColumns = {
  row: campaignAssignment,
  institutionName: institution.name,
  jurisdictionCode: institution.jurisdictionCode,
  grade: institution.grade,
  type: institution.type,
  groupName: workingGroup.name,
};
type AssignmentSource = {
  row: typeof campaignAssignment.$inferSelect;
  institutionName: string;
  jurisdictionCode: string;
  grade: string;
  type: string;
  groupName: string | null;
};

const fromAssignments = (db: DbOrTx) =>
  db
    .select(assignmentColumns)
    .from(campaignAssignment)
    .innerJoin(campaign, eq(campaign.id, campaignAssignment.campaignId))
    .innerJoin(institution, eq(institution.id, campaignAssignment.institutionId))
    .leftJoin(workingGroup, eq(workingGroup.id, campaignAssignment.groupId));

export function toAssignment(directory: JurisdictionDirectory, source: AssignmentSource): AssignmentSummary {
  const { row } = source;
  return {
    id: row.institutionId,
    institutionName: source.institutionName,
    jurisdictionName: directory.name(source.jurisdictionCode),
    grade: source.grade,
    type: source.type,
    groupId: row.groupId,
    groupName: source.groupName,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    state: row.state as AssignmentState,
    notApplicableReason: row.notApplicableReason,
    inspectionId: row.inspectionId,
  };
}

const STATE_ORDER = sql`case ${campaignAssignment.state} when 'pending' then 1 when 'inspected' then 2 else 3 end`;
const ASSIGNMENT_SORT: SortSpec<AssignmentSort, AssignmentSource> = {
  columns: {
    institution: { by: [nameInPinyin], valuesOf: (r) => [r.institutionName] },
    jurisdiction: { by: [campaignAssignment.jurisdictionPath], thenAscending: [nameInPinyin], valuesOf: (r) => [r.row.jurisdictionPath, r.institutionName] },
    state: {
      by: [STATE_ORDER],
      thenAscending: [nameInPinyin],
      valuesOf: (r) => [{ pending: 1, inspected: 2 }[r.row.state] ?? 3, r.institutionName],
    },
    windowStart: { by: [campaignAssignment.windowStart], thenAscending: [nameInPinyin], valuesOf: (r) => [r.row.windowStart, r.institutionName] },
  },
  defaultKey: "jurisdiction",
  tiebreak: { column: campaignAssignment.institutionId, valueOf: (r) => r.row.institutionId },
};

/** The WHERE clause of a campaign's filtered assignments as the caller may see them; the list, its count and its export share it. */
export function assignmentListCondition(directory: JurisdictionDirectory, scope: Scope, campaignId: string, filters: AssignmentFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(campaignAssignment.campaignId, campaignId), visibleAssignments(scope)];
  if (filters.jurisdictionCode) {
    const position = directory.positionOf(filters.jurisdictionCode);
    if (!position) throw badRequest("行政区划：不存在", "jurisdictionCode");
    conditions.push(underJurisdiction(position, campaignAssignment.jurisdictionPath));
  }
  if (filters.state) conditions.push(eq(campaignAssignment.state, filters.state));
  if (filters.q) conditions.push(sql`${institution.searchText} like ${substringPattern(filters.q.toLowerCase())}`);
  if (filters.groupId) conditions.push(eq(campaignAssignment.groupId, filters.groupId));
  return and(...conditions);
}

export async function listAssignments(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, campaignId: string, query: AssignmentListQuery) {
  const where = assignmentListCondition(directory, scope, campaignId, query);
  const [rows, [counted]] = await Promise.all([
    fromAssignments(db)
      .where(where)
      .orderBy(...orderByOf(resolveSort(ASSIGNMENT_SORT, query)))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: count() })
      .from(campaignAssignment)
      .innerJoin(campaign, eq(campaign.id, campaignAssignment.campaignId))
      .innerJoin(institution, eq(institution.id, campaignAssignment.institutionId))
      .where(where),
  ]);
  return { items: rows.map((row) => toAssignment(directory, row)), total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function* assignmentBatches(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  where: SQL | undefined,
  query: { sort?: AssignmentSort; order?: SortOrder },
) {
  const sort = resolveSort(ASSIGNMENT_SORT, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    fromAssignments(db)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map((row) => toAssignment(directory, row));
}

/** One assignment of a campaign as the caller may see it, locked when it is to change. */
export async function findAssignment(db: DbOrTx, scope: Scope, campaignId: string, institutionId: string, options: { lock?: boolean } = {}) {
  const query = fromAssignments(db).where(
    and(eq(campaignAssignment.campaignId, campaignId), eq(campaignAssignment.institutionId, institutionId), visibleAssignments(scope)),
  );
  const [found] = options.lock ? await query.for("update", { of: campaignAssignment }) : await query;
  return found;
}

/**
 * An institution's own assignments (待检查 and done), through the same visibility rule: an
 * unannounced campaign's stays out of sight until its inspection is recorded (四不两直).
 */
export async function myAssignments(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, page: { page: number; pageSize: number }) {
  if (scope.kind !== "institution") return { items: [] as MyAssignment[], total: 0, page: page.page, pageSize: page.pageSize };
  const where = visibleAssignments(scope);
  const [rows, [counted]] = await Promise.all([
    db
      .select({ assignment: campaignAssignment, campaign })
      .from(campaignAssignment)
      .innerJoin(campaign, eq(campaign.id, campaignAssignment.campaignId))
      .where(where)
      .orderBy(desc(campaignAssignment.windowStart), asc(campaign.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(campaignAssignment).innerJoin(campaign, eq(campaign.id, campaignAssignment.campaignId)).where(where),
  ]);
  return {
    items: rows.map(
      (r): MyAssignment => ({
        id: r.campaign.id,
        campaignName: r.campaign.name,
        kind: r.campaign.kind as CampaignKind,
        authorityName: directory.get(r.campaign.authorityCode)?.authorityName ?? "",
        windowStart: r.assignment.windowStart,
        windowEnd: r.assignment.windowEnd,
        state: r.assignment.state as AssignmentState,
        inspectionId: r.assignment.inspectionId,
      }),
    ),
    total: counted?.total ?? 0,
    page: page.page,
    pageSize: page.pageSize,
  };
}
