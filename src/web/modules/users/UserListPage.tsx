import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Select, Space, Tag } from "antd";
import { useState } from "react";
import { ROLES } from "../../../contracts/enums";
import { USER_SORTS, type UserSummary, userRoutes } from "../../../contracts/users";
import { useCurrentUser } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog, useAssignableRoleOptions } from "./UserDialogs";

const USER_FILTER_KEYS = ["q", "role"] as const;
const USER_SORT_KEYS = Object.keys(USER_SORTS) as (keyof typeof USER_SORTS)[];

function UserStatus({ user }: { user: UserSummary }) {
  if (!user.active) return <Tag>已停用</Tag>;
  return (
    <Space size={4} wrap>
      {user.locked ? <Tag color="red">已锁定</Tag> : <Tag color="green">正常</Tag>}
      {user.mustChangePassword && <Tag color="orange">待修改初始密码</Tag>}
    </Space>
  );
}

type OpenDialog = { kind: "create" } | { kind: "edit" | "reset"; user: UserSummary } | null;

const COLUMNS: ListColumn<UserSummary, keyof typeof USER_SORTS>[] = [
  { key: "username", title: "用户名", sortKey: "username", phone: "title", render: (user) => user.username },
  { key: "displayName", title: "姓名", sortKey: "displayName", render: (user) => user.displayName },
  { key: "role", title: "角色", render: (user) => labelOf(ROLES, user.role) },
  { key: "affiliation", title: "所属单位", render: (user) => user.affiliationName },
  { key: "status", title: "状态", render: (user) => <UserStatus user={user} /> },
  { key: "lastLoginAt", title: "最近登录", sortKey: "lastLoginAt", render: (user) => (user.lastLoginAt ? formatTime(user.lastLoginAt) : "从未登录") },
];

/**
 * The accounts a manager may see, with the query form, export and dialogs: the 用户管理 page (with
 * its title), and the 账户 tab of an institution's own page (without).
 */
export function UserAccounts({ title }: { title?: string }) {
  const me = useCurrentUser();
  const roleOptions = useAssignableRoleOptions();
  const list = useListParams(USER_FILTER_KEYS, USER_SORT_KEYS);
  const users = usePageQuery(userRoutes.list, list.query);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);

  return (
    <>
      <ListPage
        title={title}
        fields={[
          { name: "q", label: "用户", control: <Input placeholder="用户名或姓名" allowClear /> },
          { name: "role", label: "角色", control: <Select allowClear placeholder="全部" options={roleOptions} /> },
        ]}
        list={list}
        toolbar={
          <>
            <DownloadButton icon={<DownloadOutlined />} route={userRoutes.export} input={{ query: list.exportQuery }} fileName="用户.xlsx">
              导出
            </DownloadButton>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: "create" })}>
              新增用户
            </Button>
          </>
        }
      >
        <ListTable
          query={users}
          list={list}
          columns={COLUMNS}
          defaultSort={{ key: "username", order: "asc" }}
          emptyText="暂无用户"
          actions={(user) => (
            <Space size={0} wrap>
              <Button type="link" size="small" onClick={() => setDialog({ kind: "edit", user })}>
                编辑
              </Button>
              {/* One's own password is changed with the old one (修改密码); the server refuses resetting it. */}
              {user.id !== me.id && (
                <Button type="link" size="small" onClick={() => setDialog({ kind: "reset", user })}>
                  重置密码
                </Button>
              )}
            </Space>
          )}
        />
      </ListPage>
      {dialog?.kind === "create" && <CreateUserDialog onClose={close} />}
      {dialog?.kind === "edit" && <EditUserDialog user={dialog.user} onClose={close} />}
      {dialog?.kind === "reset" && <ResetPasswordDialog user={dialog.user} onClose={close} />}
    </>
  );
}

export function UserListPage() {
  return <UserAccounts title="用户管理" />;
}
