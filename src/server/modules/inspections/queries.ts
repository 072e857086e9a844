import { and, asc, eq, gt, gte, inArray, lte, type SQL } from "drizzle-orm";
import { ChecklistContent } from "../../../contracts/checklists";
import type { SortOrder } from "../../../contracts/common";
import type { AttachmentInfo } from "../../../contracts/files";
import type { INSPECTION_SORTS, InspectionDetail, InspectionFilters, InspectionListQuery, InspectionSummary } from "../../../contracts/inspections";
import { appUser, campaign, checklist, checklistVersion, hazard, inspection, institution, notice, noticeHazard, workingGroup } from "../../../db/schema";
import { type ItemAnswer, inspectionTotals } from "../../../domain/inspection-answers";
import type { InspectionKind } from "../../../domain/inspections";
import type { DbOrTx } from "../../platform/db";
import { cappedCountQuery, cappedTotal } from "../../platform/list/counting";
import { keysetBatches, orderByOf, resolveSort, type SortSpec } from "../../platform/list/sorting";
import { inScope, type Scope, underJurisdiction } from "../../platform/scope";
import { attachmentsOf } from "../files/attachments";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

/** Inspections are scoped like their institution: by its jurisdiction path, or by the institution itself. */
export const INSPECTION_SCOPE = { path: inspection.jurisdictionPath, institutionId: inspection.institutionId };

/** A hazard as an inspection's page and a 回头看's re-check list show it. */
export const HAZARD_LINE = {
  id: hazard.id,
  number: hazard.number,
  place: hazard.place,
  category: hazard.category,
  description: hazard.description,
  grade: hazard.grade,
  state: hazard.state,
  deadline: hazard.deadline,
};

/** An answer as the inspection keeps it, by item key. */
export type StoredAnswer = Omit<ItemAnswer, "itemKey">;
/** A re-check as the inspection keeps it. */
export interface StoredRecheck {
  hazardId: string;
  result: string;
  note: string;
  photoIds: string[];
}
export interface InspectorRecord {
  name: string;
  unit: string;
}

const summaryColumns = {
  row: inspection,
  institutionName: institution.name,
  jurisdictionCode: institution.jurisdictionCode,
  campaignName: campaign.name,
  groupName: workingGroup.name,
  checklistName: checklist.name,
  checklistVersion: checklistVersion.version,
  submittedByName: appUser.displayName,
};

const fromInspections = (db: DbOrTx) =>
  db
    .select(summaryColumns)
    .from(inspection)
    .innerJoin(institution, eq(institution.id, inspection.institutionId))
    .innerJoin(checklistVersion, eq(checklistVersion.id, inspection.checklistVersionId))
    .innerJoin(checklist, eq(checklist.id, checklistVersion.checklistId))
    .innerJoin(appUser, eq(appUser.id, inspection.submittedBy))
    .leftJoin(campaign, eq(campaign.id, inspection.campaignId))
    .leftJoin(workingGroup, eq(workingGroup.id, inspection.groupId));

export type InspectionRow = Awaited<ReturnType<ReturnType<typeof fromInspections>["execute"]>>[number];

const INSPECTION_SORT: SortSpec<keyof typeof INSPECTION_SORTS, InspectionRow> = {
  columns: {
    inspectedOn: { by: [inspection.inspectedOn], valuesOf: (r) => [r.row.inspectedOn] },
    hazardCount: { by: [inspection.hazardCount, inspection.inspectedOn], valuesOf: (r) => [r.row.hazardCount, r.row.inspectedOn] },
    submittedAt: { by: [inspection.submittedAt], valuesOf: (r) => [r.row.submittedAt] },
  },
  defaultKey: "inspectedOn",
  defaultOrder: { inspectedOn: "desc", hazardCount: "desc", submittedAt: "desc" },
  tiebreak: { column: inspection.id, valueOf: (r) => r.row.id },
};

export function toSummary(directory: JurisdictionDirectory, source: InspectionRow): InspectionSummary {
  const { row } = source;
  return {
    id: row.id,
    kind: row.kind as InspectionKind,
    campaignId: row.campaignId,
    campaignName: source.campaignName,
    groupId: row.groupId,
    groupName: source.groupName,
    institutionId: row.institutionId,
    institutionName: source.institutionName,
    jurisdictionName: directory.name(source.jurisdictionCode),
    authorityName: row.authorityCode ? (directory.get(row.authorityCode)?.authorityName ?? row.authorityCode) : null,
    checklistName: source.checklistName,
    checklistVersion: source.checklistVersion,
    inspectedOn: row.inspectedOn,
    place: row.place,
    inspectorNames: (row.inspectors as InspectorRecord[]).map((one) => one.name).join("、"),
    nonCompliantCount: row.nonCompliantCount,
    hazardCount: row.hazardCount,
    score: row.score,
    submittedAt: row.submittedAt.toISOString(),
    submittedByName: source.submittedByName,
  };
}

/** The WHERE clause of a scoped, filtered inspection list; shared by the list, its count and the export. */
export function inspectionListCondition(directory: JurisdictionDirectory, scope: Scope, filters: InspectionFilters): SQL | undefined {
  const within = filters.jurisdictionCode ? directory.positionOf(filters.jurisdictionCode) : undefined;
  return and(
    inScope(scope, INSPECTION_SCOPE),
    within ? underJurisdiction(within, inspection.jurisdictionPath) : undefined,
    filters.campaignId ? eq(inspection.campaignId, filters.campaignId) : undefined,
    filters.groupId ? eq(inspection.groupId, filters.groupId) : undefined,
    filters.institutionId ? eq(inspection.institutionId, filters.institutionId) : undefined,
    filters.kind ? eq(inspection.kind, filters.kind) : undefined,
    filters.inspectedFrom ? gte(inspection.inspectedOn, filters.inspectedFrom) : undefined,
    filters.inspectedTo ? lte(inspection.inspectedOn, filters.inspectedTo) : undefined,
    filters.withHazards === undefined ? undefined : filters.withHazards ? gt(inspection.hazardCount, 0) : eq(inspection.hazardCount, 0),
  );
}

/** The most a list counts: a province's years of inspections (a million) are "超过 10,000 条", not a count of every one. */
export const INSPECTION_COUNT_CAP = 10_000;

export async function listInspections(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: InspectionListQuery) {
  const where = inspectionListCondition(directory, scope, query);
  const [rows, [counted]] = await Promise.all([
    fromInspections(db)
      .where(where)
      .orderBy(...orderByOf(resolveSort(INSPECTION_SORT, query)))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    cappedCountQuery(db, inspection, where, INSPECTION_COUNT_CAP),
  ]);
  return {
    items: rows.map((row) => toSummary(directory, row)),
    ...cappedTotal(counted?.total ?? 0, INSPECTION_COUNT_CAP),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Walks a filtered inspection list in its order, a batch at a time (keyset), for the export. */
export async function* inspectionBatches(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  where: SQL | undefined,
  query: { sort?: keyof typeof INSPECTION_SORTS; order?: SortOrder },
) {
  const sort = resolveSort(INSPECTION_SORT, query);
  for await (const rows of keysetBatches(sort, (after, limit) =>
    fromInspections(db)
      .where(and(where, after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  ))
    yield rows.map((row) => toSummary(directory, row));
}

/** One inspection through the caller's scope: out of scope reads as missing. */
export async function findInspection(db: DbOrTx, scope: Scope, id: string): Promise<InspectionRow | undefined> {
  const [found] = await fromInspections(db).where(and(eq(inspection.id, id), inScope(scope, INSPECTION_SCOPE)));
  return found;
}

/** The inspection with the checklist as it was used, each answer with its photos, its hazards as they stand now, re-checks, signature and notices. */
export async function inspectionDetail(db: DbOrTx, directory: JurisdictionDirectory, source: InspectionRow): Promise<InspectionDetail> {
  const { row } = source;
  const [version] = await db.select({ content: checklistVersion.content }).from(checklistVersion).where(eq(checklistVersion.id, row.checklistVersionId));
  const content = ChecklistContent.parse(version?.content);
  const answers = row.answers as Record<string, StoredAnswer>;
  const files = new Map((await attachmentsOf(db, "inspection", row.id)).map(({ info }) => [info.id, info]));
  const photosOf = (ids: readonly string[]): AttachmentInfo[] => ids.flatMap((id) => files.get(id) ?? []);
  const totals = inspectionTotals(
    content,
    Object.entries(answers).map(([itemKey, answer]) => ({ itemKey, ...answer })),
  );
  const hazards = await db
    .select({ ...HAZARD_LINE, itemKey: hazard.sourceItemKey })
    .from(hazard)
    .where(eq(hazard.sourceId, row.id))
    .orderBy(asc(hazard.number));
  const rechecks = row.rechecks as StoredRecheck[];
  const rechecked =
    rechecks.length === 0
      ? []
      : await db
          .select({ id: hazard.id, number: hazard.number, description: hazard.description })
          .from(hazard)
          .where(
            inArray(
              hazard.id,
              rechecks.map((one) => one.hazardId),
            ),
          );
  const hazardsById = new Map(rechecked.map((one) => [one.id, one]));
  const notices =
    hazards.length === 0
      ? []
      : await db
          .selectDistinct({ id: notice.id, number: notice.number })
          .from(noticeHazard)
          .innerJoin(notice, eq(notice.id, noticeHazard.noticeId))
          .where(
            inArray(
              noticeHazard.hazardId,
              hazards.map((one) => one.id),
            ),
          )
          .orderBy(asc(notice.number));
  const signature = [...files.values()].find((file) => file.purpose === "signature") ?? null;
  return {
    ...toSummary(directory, source),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    inspectors: row.inspectors as InspectorRecord[],
    sections: content.sections.map((section) => {
      const scored = totals.sectionScores.find((one) => one.sectionKey === section.key);
      return {
        key: section.key,
        title: section.title,
        score: scored?.score ?? null,
        maxScore: scored?.maxScore ?? null,
        items: section.items.map((item) => {
          const answer = answers[item.key];
          return {
            key: item.key,
            text: item.text,
            basis: item.basis,
            category: item.category,
            answerType: item.answerType,
            maxScore: item.maxScore ?? null,
            photoRequired: item.photoRequired,
            result: answer?.result ?? null,
            score: answer?.score ?? null,
            note: answer?.note ?? "",
            noHazardReason: answer?.noHazardReason ?? null,
            photos: photosOf(answer?.photoIds ?? []),
          };
        }),
      };
    }),
    maxScore: totals.sectionScores.length === 0 ? null : totals.sectionScores.reduce((sum, one) => sum + one.maxScore, 0),
    remarks: row.remarks,
    onSiteOpinions: row.onSiteOpinions,
    representativeName: row.representativeName,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    signature,
    hazards,
    rechecks: rechecks.map((one) => ({
      hazardId: one.hazardId,
      hazardNumber: hazardsById.get(one.hazardId)?.number ?? "",
      description: hazardsById.get(one.hazardId)?.description ?? "",
      result: one.result,
      note: one.note,
      photos: photosOf(one.photoIds),
    })),
    notices,
  };
}
