import { and, count, desc, eq, gte, ilike, lte } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AuditPage, AuditQuery } from "../../../contracts/audit";
import { auditLog } from "../../../db/schema";
import { requirePermission } from "../../platform/access";
import type { Db } from "../../platform/db";
import { callerOf } from "../../platform/http/request-context";
import { substringPattern } from "../institutions/queries";

/** Audit records, newest first; read-only: the application has no route that changes or deletes them. */
export async function findAuditEntries(db: Db, query: AuditQuery) {
  const where = and(
    query.actor ? ilike(auditLog.actorUsername, substringPattern(query.actor)) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.result ? eq(auditLog.result, query.result) : undefined,
    query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
    query.to ? lte(auditLog.at, new Date(query.to)) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, at: r.at.toISOString(), detail: r.detail ?? null })),
    total: counted?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function auditRoutes(app: FastifyInstance, deps: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/audit", { schema: { querystring: AuditQuery, response: { 200: AuditPage } } }, async (request) => {
    requirePermission(callerOf(request).user, "audit:read");
    return findAuditEntries(deps.db, request.query);
  });
}
