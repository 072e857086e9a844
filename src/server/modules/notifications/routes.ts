import { and, count, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { type HazardDigest, notificationRoutes } from "../../../contracts/notifications";
import { notification } from "../../../db/schema";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";

/** A user reads and marks only their own messages: every query is keyed by the caller's id. */
export function registerNotificationRoutes(app: FastifyInstance, { db }: AppDeps) {
  registerRoute(app, notificationRoutes.list, async ({ actor, query }) => {
    const conditions: SQL[] = [eq(notification.userId, requireUser(actor).user.id)];
    if (query.unread) conditions.push(isNull(notification.readAt));
    const where = and(...conditions);
    const [rows, [counted]] = await Promise.all([
      db
        .select()
        .from(notification)
        .where(where)
        .orderBy(desc(notification.day), desc(notification.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ total: count() }).from(notification).where(where),
    ]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: "hazard_digest" as const,
        day: row.day,
        title: row.title,
        body: row.body as HazardDigest,
        read: row.readAt !== null,
        createdAt: row.createdAt.toISOString(),
      })),
      total: counted?.total ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
  registerRoute(app, notificationRoutes.unreadCount, async ({ actor }) => {
    const [counted] = await db
      .select({ count: count() })
      .from(notification)
      .where(and(eq(notification.userId, requireUser(actor).user.id), isNull(notification.readAt)));
    return { count: counted?.count ?? 0 };
  });
  registerRoute(app, notificationRoutes.markRead, async ({ actor, params }) => {
    const marked = await db
      .update(notification)
      .set({ readAt: sql`coalesce(${notification.readAt}, now())` })
      .where(and(eq(notification.id, params.id), eq(notification.userId, requireUser(actor).user.id)))
      .returning({ id: notification.id });
    if (marked.length === 0) throw notFound("消息不存在");
    return undefined;
  });
  registerRoute(app, notificationRoutes.markAllRead, async ({ actor }) => {
    await db
      .update(notification)
      .set({ readAt: sql`now()` })
      .where(and(eq(notification.userId, requireUser(actor).user.id), isNull(notification.readAt)));
    return undefined;
  });
}
