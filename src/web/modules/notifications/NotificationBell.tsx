import { BellOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button } from "antd";
import { useNavigate } from "react-router";
import { notificationRoutes } from "../../../contracts/notifications";
import { call } from "../../app/api";

/** How often the bell asks again: the digest arrives once a day, so a minute is plenty. */
const REFRESH_MS = 60_000;

export const UNREAD_KEY = [notificationRoutes.unreadCount.path];

/** The header's bell: the unread count, and a way to the messages. */
export function NotificationBell() {
  const navigate = useNavigate();
  const unread = useQuery({ queryKey: UNREAD_KEY, queryFn: () => call(notificationRoutes.unreadCount), refetchInterval: REFRESH_MS });
  const count = unread.data?.count ?? 0;
  return (
    <Badge count={count} size="small" offset={[-4, 4]}>
      <Button type="text" aria-label={count > 0 ? `消息，${count} 条未读` : "消息"} icon={<BellOutlined />} onClick={() => navigate("/notifications")} />
    </Badge>
  );
}
