import { FileDoneOutlined, PlusOutlined, SwapOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Flex, Form, Input, List, Select, Skeleton, Space, Switch, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { campaignRoutes } from "../../../contracts/campaigns";
import { type GroupMembersBody, groupRoutes, type MemberCandidate, type WorkingGroup } from "../../../contracts/draws";
import { GROUP_ROLES, type GroupRole } from "../../../domain/inspections";
import { call } from "../../app/api";
import { useCan } from "../../app/session";
import { FormDialog } from "../../ui/FormDialog";
import { LoadError } from "../../ui/results";
import { InstitutionSelect } from "../institutions/InstitutionSelect";

const keyOf = (member: { kind: string; id: string }) => `${member.kind}:${member.id}`;

/** Refreshes what a change to groups shows: the groups, every group's institutions, and the campaign's assignments (their group). */
function useRefreshGroups(campaignId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [groupRoutes.list.path, campaignId] }),
      queryClient.invalidateQueries({ queryKey: [groupRoutes.institutions.path] }),
      queryClient.invalidateQueries({ queryKey: [campaignRoutes.assignments.path] }),
    ]);
}

function NameDialog({ campaignId, group, onClose }: { campaignId: string; group?: WorkingGroup; onClose: () => void }) {
  const refresh = useRefreshGroups(campaignId);
  return (
    <FormDialog<{ name: string }>
      title={group ? `重命名 ${group.name}` : "新建工作组"}
      okText={group ? "保存" : "新建"}
      initialValues={group ? { name: group.name } : undefined}
      onClose={onClose}
      onSubmit={async (body) => {
        await (group ? call(groupRoutes.rename, { params: { id: group.id }, body }) : call(groupRoutes.create, { params: { id: campaignId }, body }));
        await refresh();
      }}
    >
      <Form.Item label="工作组名称" name="name" rules={[{ required: true, whitespace: true, message: "请输入工作组名称" }, { max: 50 }]}>
        <Input maxLength={50} placeholder="如：第一工作组" />
      </Form.Item>
    </FormDialog>
  );
}

type MemberValues = { head?: string } & Partial<Record<GroupRole, string[]>>;

const ROLE_KEYS = Object.keys(GROUP_ROLES) as GroupRole[];

/** The members by role (seed 001/003: 领导 + 专家 + 专班), and the one who leads the group (处级干部带队). */
function MembersDialog({ campaignId, group, onClose }: { campaignId: string; group: WorkingGroup; onClose: () => void }) {
  const refresh = useRefreshGroups(campaignId);
  const candidates = useQuery({
    queryKey: [groupRoutes.candidates.path, campaignId],
    queryFn: () => call(groupRoutes.candidates, { params: { id: campaignId } }),
  });
  const options = (candidates.data ?? []).map((c: MemberCandidate) => ({
    value: keyOf(c),
    label: `${c.name}（${c.kind === "expert" ? "专家" : "本部门"}${c.speciality ? ` · ${c.speciality}` : ""}）`,
  }));
  const head = group.members.find((m) => m.leader);
  const initialValues: MemberValues = {
    head: head && keyOf(head),
    ...Object.fromEntries(ROLE_KEYS.map((role) => [role, group.members.filter((m) => !m.leader && m.role === role).map(keyOf)])),
  };
  const submit = async (values: MemberValues) => {
    const toMember = (key: string, role: GroupRole, leader: boolean) => {
      const [kind, id] = key.split(":") as ["user" | "expert", string];
      return { kind, id, role, leader };
    };
    const members: GroupMembersBody["members"] = [
      ...(values.head ? [toMember(values.head, head?.role ?? "leader", true)] : []),
      ...ROLE_KEYS.flatMap((role) => (values[role] ?? []).filter((key) => key !== values.head).map((key) => toMember(key, role, false))),
    ];
    await call(groupRoutes.members, { params: { id: group.id }, body: { members } });
    await refresh();
  };
  const many = <Select mode="multiple" allowClear options={options} loading={candidates.isPending} optionFilterProp="label" placeholder="请选择" />;
  return (
    <FormDialog<MemberValues> title={`${group.name}成员`} okText="保存" initialValues={initialValues} onClose={onClose} onSubmit={submit}>
      <Form.Item label="组长" name="head" rules={[{ required: true, message: "请选择组长" }]} extra="处级干部带队">
        <Select allowClear options={options} loading={candidates.isPending} showSearch={{ optionFilterProp: "label" }} placeholder="请选择" />
      </Form.Item>
      <Form.Item label="领导" name="leader">
        {many}
      </Form.Item>
      <Form.Item label="专家" name="expert" extra="本部门用户或专家库中的在库专家">
        {many}
      </Form.Item>
      <Form.Item label="专班" name="task_force">
        {many}
      </Form.Item>
    </FormDialog>
  );
}

/** Puts institutions of the campaign into a group by hand; the server refuses those not in the campaign. */
function AssignDialog({ campaignId, group, onClose }: { campaignId: string; group: WorkingGroup; onClose: () => void }) {
  const refresh = useRefreshGroups(campaignId);
  return (
    <FormDialog<{ institutionIds: string[] }>
      title={`分配机构到${group.name}`}
      okText="分配"
      onClose={onClose}
      onSubmit={async (body) => {
        await call(groupRoutes.assign, { params: { id: campaignId }, body: { groupId: group.id, institutionIds: body.institutionIds } });
        await refresh();
      }}
    >
      <Form.Item
        label="机构"
        name="institutionIds"
        rules={[{ required: true, message: "请选择本检查工作中的机构" }]}
        extra="已在其他工作组的机构将改由本组负责"
      >
        <InstitutionSelect mode="multiple" campaignId={campaignId} />
      </Form.Item>
    </FormDialog>
  );
}

function SpreadDialog({ campaignId, onClose }: { campaignId: string; onClose: () => void }) {
  const refresh = useRefreshGroups(campaignId);
  const { modal } = App.useApp();
  return (
    <FormDialog<{ onlyUnassigned: boolean; seed?: string }>
      title="随机分组"
      okText="随机分配"
      initialValues={{ onlyUnassigned: true }}
      onClose={onClose}
      onSubmit={async (body) => {
        const spread = await call(groupRoutes.spread, { params: { id: campaignId }, body: { ...body, seed: body.seed || undefined } });
        await refresh();
        modal.info({
          title: "已随机分组",
          content:
            `共分配 ${spread.assigned} 家机构，随机种子：${spread.seed}（已记入审计日志）` +
            (spread.unplaced > 0 ? `。另有 ${spread.unplaced} 家与每个工作组都有须回避的成员，未分配，请调整工作组成员后手动分配` : ""),
        });
      }}
    >
      <Form.Item label="只分配尚无工作组的机构" name="onlyUnassigned" valuePropName="checked" extra="关闭则把所有尚未检查的机构重新平均分配">
        <Switch />
      </Form.Item>
      <Form.Item label="随机种子" name="seed" rules={[{ max: 100 }]} extra="留空则由系统随机生成">
        <Input maxLength={100} />
      </Form.Item>
    </FormDialog>
  );
}

const PAGE_SIZE = 10;

function GroupInstitutions({ campaignId, group, canManage }: { campaignId: string; group: WorkingGroup; canManage: boolean }) {
  const [page, setPage] = useState(1);
  const refresh = useRefreshGroups(campaignId);
  const { message } = App.useApp();
  const institutions = useQuery({
    queryKey: [groupRoutes.institutions.path, group.id, page],
    queryFn: () => call(groupRoutes.institutions, { params: { id: group.id }, query: { page, pageSize: PAGE_SIZE } }),
  });
  if (institutions.isError) return <LoadError error={institutions.error} onRetry={() => institutions.refetch()} />;
  const remove = async (institutionId: string) => {
    try {
      await call(groupRoutes.assign, { params: { id: campaignId }, body: { groupId: null, institutionIds: [institutionId] } });
      await refresh();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <List
      size="small"
      loading={institutions.isPending}
      dataSource={institutions.data?.items ?? []}
      locale={{ emptyText: "尚未分配机构" }}
      pagination={
        (institutions.data?.total ?? 0) > PAGE_SIZE
          ? { current: page, pageSize: PAGE_SIZE, total: institutions.data?.total, onChange: setPage, size: "small", simple: true }
          : false
      }
      renderItem={(item) => (
        <List.Item
          actions={
            canManage
              ? [
                  <Button key="remove" type="link" size="small" onClick={() => remove(item.id)}>
                    移出
                  </Button>,
                ]
              : []
          }
        >
          <Typography.Text style={{ overflowWrap: "anywhere" }}>
            {item.name}
            <Typography.Text type="secondary">{`（${item.jurisdictionName}）`}</Typography.Text>
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

type Dialog = { kind: "create" } | { kind: "spread" } | { kind: "rename" | "members" | "assign"; group: WorkingGroup } | null;

/**
 * A campaign's working groups (工作组): members by role with their leader, the institutions each has,
 * and the ways institutions reach a group (by hand or at random). Mounted on the campaign's page.
 */
export function CampaignGroups({
  campaignId,
  canManage,
}: {
  campaignId: string /** The campaign's own authority alone changes it (the server's answer on the campaign). */;
  canManage: boolean;
}) {
  const can = useCan();
  const canReadInspections = can("inspection:read");
  const [dialog, setDialog] = useState<Dialog>(null);
  const groups = useQuery({ queryKey: [groupRoutes.list.path, campaignId], queryFn: () => call(groupRoutes.list, { params: { id: campaignId } }) });
  const close = () => setDialog(null);
  if (groups.isPending) return <Skeleton active />;
  if (groups.isError) return <LoadError error={groups.error} onRetry={() => groups.refetch()} />;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{`共 ${groups.data.groups.length} 个工作组，未分组机构 ${groups.data.unassignedCount} 家`}</Typography.Text>
        {canManage && (
          <Flex gap={8} wrap>
            <Button icon={<SwapOutlined />} disabled={groups.data.groups.length === 0} onClick={() => setDialog({ kind: "spread" })}>
              随机分组
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: "create" })}>
              新建工作组
            </Button>
          </Flex>
        )}
      </Flex>
      {groups.data.groups.length === 0 && <Empty description="还没有工作组" />}
      <Flex vertical gap={12}>
        {groups.data.groups.map((group) => (
          <Card
            key={group.id}
            size="small"
            title={
              <Space wrap size={4}>
                {group.name}
                <Tag>{`${group.institutionCount} 家机构`}</Tag>
              </Space>
            }
            extra={
              canManage && (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: "members", group })}>
                    成员
                  </Button>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: "assign", group })}>
                    分配机构
                  </Button>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: "rename", group })}>
                    重命名
                  </Button>
                </Space>
              )
            }
          >
            <Flex wrap gap={4} style={{ marginBottom: 8 }}>
              {group.members.length === 0 && <Typography.Text type="secondary">尚无成员</Typography.Text>}
              {group.members.map((member) => (
                <Tag key={keyOf(member)} color={member.leader ? "gold" : member.kind === "expert" ? "blue" : undefined}>
                  {`${member.leader ? "组长 " : ""}${member.name}（${GROUP_ROLES[member.role]}）`}
                </Tag>
              ))}
            </Flex>
            <GroupInstitutions campaignId={campaignId} group={group} canManage={canManage} />
            {canReadInspections && (
              <Flex justify="flex-end" style={{ marginTop: 8 }}>
                <Link to={`/inspections?campaignId=${campaignId}&groupId=${group.id}`}>
                  <FileDoneOutlined /> 本组检查记录
                </Link>
              </Flex>
            )}
          </Card>
        ))}
      </Flex>
      {dialog?.kind === "create" && <NameDialog campaignId={campaignId} onClose={close} />}
      {dialog?.kind === "rename" && <NameDialog campaignId={campaignId} group={dialog.group} onClose={close} />}
      {dialog?.kind === "members" && <MembersDialog campaignId={campaignId} group={dialog.group} onClose={close} />}
      {dialog?.kind === "assign" && <AssignDialog campaignId={campaignId} group={dialog.group} onClose={close} />}
      {dialog?.kind === "spread" && <SpreadDialog campaignId={campaignId} onClose={close} />}
    </>
  );
}
