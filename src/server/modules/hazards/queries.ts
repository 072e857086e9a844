import { and, asc, count, eq, inArray, lt, not, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { HazardDetail, HazardListQuery, HazardSort, HazardSummary } from "../../../contracts/hazards";
import { hazard, hazardEvent, institution } from "../../../db/schema";
import { type HazardFacts, type HazardGrade, type HazardHandling, type HazardState, isOverdue, type MajorHazardPlan } from "../../../domain/hazard-lifecycle";
import type { DbOrTx } from "../../platform/db";
import { orderByOf, resolveSort, type SortSpec } from "../../platform/list/sorting";
import { inScope, type Scope } from "../../platform/scope";
import { attachmentsOf } from "../files/attachments";
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
 * `today`. Never null (a hazard without a deadline is not overdue), so its negation is exact.
 */
const overdueOn = (today: string) => sql`(${inArray(hazard.state, ["pending", "rectifying"])} and coalesce(${lt(hazard.deadline, today)}, false))`;

/** The to-do rank of 紧急程度: overdue, the institution's to act, awaiting review, finished. */
const urgencyRank = (today: string) =>
  sql<number>`case when ${overdueOn(today)} then 0 when ${inArray(hazard.state, ["pending", "rectifying"])} then 1 when ${eq(hazard.state, "awaiting_review")} then 2 else 3 end`;

const urgencyRankOf = (row: HazardRow, today: string) => {
  if (isOverdue(factsOf(row), today)) return 0;
  if (row.state === "pending" || row.state === "rectifying") return 1;
  return row.state === "awaiting_review" ? 2 : 3;
};

/** The ledger's orders; a deadline runs soonest first within a rank, and hazards without one come last. */
const hazardSorts = (today: string): SortSpec<HazardSort, HazardWithInstitution> => ({
  columns: {
    recordedAt: { by: [hazard.createdAt], valuesOf: ({ row }) => [row.createdAt] },
    urgency: { by: [urgencyRank(today)], thenAscending: [hazard.deadline], valuesOf: ({ row }) => [urgencyRankOf(row, today), row.deadline] },
  },
  defaultKey: "recordedAt",
  defaultOrder: { recordedAt: "desc" },
  tiebreak: { column: hazard.id, valueOf: ({ row }) => row.id },
});

/** The hazards of the caller's scope, newest first unless another order is asked for. */
export async function listHazards(db: DbOrTx, directory: JurisdictionDirectory, scope: Scope, query: z.infer<typeof HazardListQuery>, today: string) {
  const conditions: (SQL | undefined)[] = [inScope(scope, HAZARD_SCOPE)];
  if (query.state) conditions.push(eq(hazard.state, query.state));
  if (query.grade) conditions.push(eq(hazard.grade, query.grade));
  if (query.category) conditions.push(eq(hazard.category, query.category));
  if (query.institutionId) conditions.push(eq(hazard.institutionId, query.institutionId));
  if (query.overdue !== undefined) conditions.push(query.overdue ? overdueOn(today) : not(overdueOn(today)));
  const where = and(...conditions);
  const [rows, [counted]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(hazard)
      .innerJoin(institution, eq(institution.id, hazard.institutionId))
      .where(where)
      .orderBy(...orderByOf(resolveSort(hazardSorts(today), query)))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(hazard).where(where),
  ]);
  return { items: rows.map((row) => toSummary(directory, row, today)), total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
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
