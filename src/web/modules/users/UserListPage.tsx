import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Col, Row, Space, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { ROLES } from "../../../contracts/enums";
import type { UserSummary } from "../../../contracts/users";
import { useCurrentUser } from "../../app/session";
import { labelOf } from "../../ui/enum-options";
import { FilterSelect } from "../../ui/FilterSelect";
import { formatTime } from "../../ui/format";
import { ListTable } from "../../ui/ListTable";
import { PageTitle } from "../../ui/PageTitle";
import { SearchBox } from "../../ui/SearchBox";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog, useAssignableRoleOptions } from "./UserDialogs";

const USER_FILTER_KEYS = ["q", "role"] as const;

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

export function UserListPage() {
  const me = useCurrentUser();
  const roleOptions = useAssignableRoleOptions();
  const list = useListParams(USER_FILTER_KEYS);
  const users = usePageQuery<UserSummary>("users", "/api/users", list.query);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);

  const columns: TableColumnsType<UserSummary> = [
    { title: "用户名", dataIndex: "username", fixed: "left" },
    { title: "姓名", dataIndex: "displayName" },
    { title: "角色", dataIndex: "role", render: (role: string) => labelOf(ROLES, role) },
    { title: "所属单位", dataIndex: "affiliationName" },
    { title: "状态", key: "status", render: (_, user) => <UserStatus user={user} /> },
    { title: "最近登录", dataIndex: "lastLoginAt", render: (at: string | null) => (at ? formatTime(at) : "从未登录") },
    {
      title: "操作",
      key: "actions",
      render: (_, user) => (
        <Space size={0}>
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
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="用户管理"
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: "create" })}>
            新增用户
          </Button>
        }
      />
      <Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={12} xl={8}>
            <SearchBox value={list.filters.q} placeholder="用户名或姓名" label="搜索用户" onSearch={(q) => list.setFilters({ q })} />
          </Col>
          <Col xs={24} md={8} xl={4}>
            <FilterSelect placeholder="角色" options={roleOptions} value={list.filters.role} onChange={(role) => list.setFilters({ role })} />
          </Col>
        </Row>
        <ListTable query={users} list={list} columns={columns} emptyText={list.hasFilters ? "没有符合条件的用户" : "暂无用户"} />
      </Card>
      {dialog?.kind === "create" && <CreateUserDialog onClose={close} />}
      {dialog?.kind === "edit" && <EditUserDialog user={dialog.user} onClose={close} />}
      {dialog?.kind === "reset" && <ResetPasswordDialog user={dialog.user} onClose={close} />}
    </>
  );
}
