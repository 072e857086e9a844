import { z } from "zod";
import { Pagination, pageOf, QueryBoolean } from "./common";
import { defineRoute, SIGNED_IN } from "./route";
import { labelled } from "./validation";

export const DigestItem = z.object({
  hazardId: z.uuid(),
  number: z.string(),
  institutionName: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
});

/** The daily reminder: how many of the reader's hazards are overdue or due soon, the first of them listed. */
export const HazardDigest = z.object({
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  items: z.array(DigestItem),
});
export type HazardDigest = z.infer<typeof HazardDigest>;

export const Notification = z.object({
  id: z.number().int(),
  kind: z.literal("hazard_digest"),
  day: z.string(),
  title: z.string(),
  body: HazardDigest,
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = Pagination.extend({ unread: labelled(QueryBoolean, "只看未读").optional() });
export const NotificationIdParams = z.object({ id: labelled(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER), "消息编号") });

export const notificationRoutes = {
  list: defineRoute({
    method: "GET",
    path: "/api/notifications",
    summary: "我的消息（每日隐患提醒），新的在前",
    access: SIGNED_IN,
    query: NotificationListQuery,
    response: pageOf(Notification),
  }),
  unreadCount: defineRoute({
    method: "GET",
    path: "/api/notifications/unread-count",
    summary: "未读消息数",
    access: SIGNED_IN,
    response: z.object({ count: z.number().int() }),
  }),
  markRead: defineRoute({
    method: "POST",
    path: "/api/notifications/:id/read",
    summary: "标记一条消息为已读",
    access: SIGNED_IN,
    params: NotificationIdParams,
    response: "none",
  }),
  markAllRead: defineRoute({
    method: "POST",
    path: "/api/notifications/read-all",
    summary: "全部标记为已读",
    access: SIGNED_IN,
    response: "none",
  }),
};
