import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, Flex, List, Pagination, Segmented, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { Notification } from "../../../contracts/notifications";
import { notificationRoutes } from "../../../contracts/notifications";
import { callForNothing } from "../../app/api";
import { PageTitle } from "../../ui/PageTitle";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { UNREAD_KEY } from "./NotificationBell";

function DigestCard({ message, onRead }: { message: Notification; onRead: (id: number) => void }) {
  const { body } = message;
  const more = body.overdue + body.dueSoon - body.items.length;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {!message.read && <Tag color="red">未读</Tag>}
          <span>{message.title}</span>
        </Space>
      }
      extra={<Typography.Text type="secondary">{message.day}</Typography.Text>}
      style={{ marginBottom: 12 }}
    >
      <List
        size="small"
        dataSource={body.items}
        renderItem={(item) => (
          <List.Item>
            <Flex wrap gap={8} align="center" style={{ minWidth: 0 }}>
              <Link to={`/hazards/${item.hazardId}`} onClick={() => onRead(message.id)}>
                {item.number}
              </Link>
              <span style={{ overflowWrap: "anywhere" }}>{item.institutionName}</span>
              {item.overdue ? <Tag color="red">已逾期（时限 {item.deadline}）</Tag> : <Tag color="orange">{item.deadline} 到期</Tag>}
            </Flex>
          </List.Item>
        )}
      />
      {more > 0 && <Typography.Text type="secondary">另有 {more} 项，请在隐患台账中按“是否逾期”查询。</Typography.Text>}
      {!message.read && (
        <Flex justify="end">
          <Button size="small" onClick={() => onRead(message.id)}>
            标记已读
          </Button>
        </Flex>
      )}
    </Card>
  );
}

/** 消息: the daily digests, newest first, each naming the hazards that need attention. */
export function NotificationsPage() {
  const list = useListParams(["unread"] as const);
  const messages = usePageQuery(notificationRoutes.list, list.query);
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: [notificationRoutes.list.path] }), queryClient.invalidateQueries({ queryKey: UNREAD_KEY })]);
  const markRead = useMutation({ mutationFn: (id: number) => callForNothing(notificationRoutes.markRead, { params: { id } }), onSuccess: refresh });
  const markAll = useMutation({ mutationFn: () => callForNothing(notificationRoutes.markAllRead), onSuccess: refresh });
  const pagination = list.pagination(messages.data);
  return (
    <>
      <PageTitle
        title="消息"
        actions={
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>
            全部标为已读
          </Button>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={list.filters.unread === "true" ? "unread" : "all"}
        options={[
          { value: "all", label: "全部" },
          { value: "unread", label: "未读" },
        ]}
        onChange={(value) => list.setFilters({ unread: value === "unread" ? "true" : null })}
      />
      {messages.data?.items.length === 0 && <Empty description="暂无消息：每天早上，逾期和即将到期的隐患会汇总成一条提醒" />}
      {messages.data?.items.map((message) => (
        <DigestCard key={message.id} message={message} onRead={(id) => markRead.mutate(id)} />
      ))}
      {(messages.data?.total ?? 0) > list.pageSize && (
        <Pagination
          current={pagination.current}
          pageSize={pagination.pageSize}
          total={pagination.total}
          onChange={pagination.onChange}
          showSizeChanger={false}
        />
      )}
    </>
  );
}
