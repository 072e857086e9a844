import { and, count, desc, eq, gte, ilike, lte, type SQL } from "drizzle-orm";
import type { AuditFilters, AuditQuery } from "../../../contracts/audit";
import type { SortOrder } from "../../../contracts/common";
import { auditLog } from "../../../db/schema";
import type { DbOrTx } from "../../platform/db";
import { numberedPage } from "../../platform/list/numbered-page";
import { keysetBatches, orderByOf, resolveSort, type SortSpec, substringPattern } from "../../platform/list/sorting";

type AuditRow = typeof auditLog.$inferSelect;

/** Time order is id order (records are appended as they happen), which the primary key serves. */
const AUDIT_SORT: SortSpec<"at", AuditRow> = {
  columns: { at: { by: [], valuesOf: () => [] } },
  defaultKey: "at",
  defaultOrder: { at: "desc" },
  tiebreak: { column: auditLog.id, valueOf: (row) => row.id },
};

/** The WHERE clause of the audit list; shared by the list, its count and the export. */
export function auditCondition(filters: AuditFilters): SQL | undefined {
  return and(
    filters.actor ? ilike(auditLog.actorUsername, substringPattern(filters.actor)) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.result ? eq(auditLog.result, filters.result) : undefined,
    filters.from ? gte(auditLog.at, new Date(filters.from)) : undefined,
    filters.to ? lte(auditLog.at, new Date(filters.to)) : undefined,
  );
}

/** Audit records, newest first by default. Read-only: the application has no route that changes them. */
export async function findAuditRows(db: DbOrTx, query: AuditQuery) {
  const where = auditCondition(query);
  return numberedPage(db, query, { table: auditLog, where }, ({ limit, offset }) =>
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(...orderByOf(resolveSort(AUDIT_SORT, query)))
      .limit(limit)
      .offset(offset),
  );
}

/** Walks the filtered trail in order, a batch at a time (keyset on the id), for the export. */
export function auditBatches(db: DbOrTx, filters: AuditFilters & { sort?: "at"; order?: SortOrder }) {
  const sort = resolveSort(AUDIT_SORT, filters);
  return keysetBatches(sort, (after, limit) =>
    db
      .select()
      .from(auditLog)
      .where(and(auditCondition(filters), after))
      .orderBy(...orderByOf(sort))
      .limit(limit),
  );
}

/** One record's history (an institution's 变更记录), newest first. */
export async function findTargetHistory(db: DbOrTx, target: { type: string; id: string }, page: { page: number; pageSize: number }) {
  const where = and(eq(auditLog.targetType, target.type), eq(auditLog.targetId, target.id), eq(auditLog.result, "success"));
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}
