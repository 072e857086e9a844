import { DownloadOutlined, EditOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Flex, List, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { type ChecklistDetail, checklistRoutes } from "../../../contracts/checklists";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { formatTime } from "../../ui/format";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded, NotFoundResult } from "../../ui/results";
import { ChecklistVersionImportDialog, CopyChecklistDialog } from "./ChecklistDialogs";
import { ChecklistContentView, ChecklistKindTag } from "./checklist-display";
import { isChecklistId, useArchiveChecklist, useChecklist } from "./queries";

const versionLabel = (v: ChecklistDetail["versions"][number], current: number) =>
  `第 ${v.version} 版${v.version === current ? "（当前）" : ""}${v.firstUsedAt ? " · 已使用" : ""}`;

function VersionHistory({ detail, onShow }: { detail: ChecklistDetail; onShow: (version: number) => void }) {
  return (
    <List
      dataSource={[...detail.versions].reverse()}
      rowKey="version"
      renderItem={(v) => (
        <List.Item
          actions={[
            v.version === detail.shownVersion ? (
              <Typography.Text key="shown" type="secondary">
                正在查看
              </Typography.Text>
            ) : (
              <Button key="show" type="link" size="small" onClick={() => onShow(v.version)}>
                查看
              </Button>
            ),
          ]}
        >
          <List.Item.Meta
            title={
              <Flex wrap gap={4} align="center">
                <span>第 {v.version} 版</span>
                {v.version === detail.currentVersion && <Tag color="blue">当前</Tag>}
                {v.firstUsedAt ? <Tag color="gold">已使用，内容锁定</Tag> : <Tag>未使用</Tag>}
              </Flex>
            }
            description={
              <>
                {v.itemCount} 项{v.maxScore !== null ? `，满分 ${v.maxScore}` : ""}；{v.createdByName ? `${v.createdByName} ` : ""}
                {formatTime(v.createdAt)} 保存
                {v.firstUsedAt ? `；${formatTime(v.firstUsedAt)} 首次使用` : ""}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

function LoadedChecklist({ id }: { id: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = Number(searchParams.get("version")) || undefined;
  const checklist = useChecklist(id, asked);
  const can = useCan();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const archive = useArchiveChecklist();
  const [copying, setCopying] = useState(false);
  const [importing, setImporting] = useState(false);
  const show = (version: number) => setSearchParams(version === checklist.data?.currentVersion ? {} : { version: String(version) });
  return (
    <Loaded query={checklist}>
      {(detail) => (
        <>
          <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/checklists">检查表</Link> }, { title: detail.name }]} />
          <PageTitle
            title={detail.name}
            actions={[
              detail.editable && !detail.archived && (
                <Button key="edit" type="primary" icon={<EditOutlined />} onClick={() => navigate(`/checklists/${detail.id}/edit`)}>
                  编辑
                </Button>
              ),
              can("checklist:manage") && detail.owner !== "own" && (
                <Button key="copy" type="primary" onClick={() => setCopying(true)}>
                  复制为本部门的检查表
                </Button>
              ),
              detail.editable && !detail.archived && (
                <Button key="import" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  导入新版本
                </Button>
              ),
              <DownloadButton
                key="export"
                icon={<DownloadOutlined />}
                route={checklistRoutes.exportOne}
                input={{ params: { id: detail.id }, query: { version: detail.shownVersion } }}
                fileName={`${detail.name}.xlsx`}
              >
                导出 Excel
              </DownloadButton>,
              detail.editable && (
                <Button
                  key="archive"
                  danger={!detail.archived}
                  loading={archive.isPending}
                  onClick={() =>
                    modal.confirm({
                      title: detail.archived ? "恢复该检查表？" : "归档该检查表？",
                      content: detail.archived ? "恢复后可再供检查工作选用。" : "归档后不再供新的检查工作选用；已使用它的检查工作和检查记录不受影响。",
                      onOk: () =>
                        archive.mutateAsync({ id: detail.id, archived: !detail.archived }).then(
                          () => message.success(detail.archived ? "已恢复" : "已归档"),
                          (error: Error) => message.error(error.message),
                        ),
                    })
                  }
                >
                  {detail.archived ? "恢复" : "归档"}
                </Button>
              ),
            ]}
          />
          {detail.archived && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="该检查表已归档，不再供新的检查工作选用。" />}
          <Card title="基本信息" style={{ marginBottom: 16 }}>
            <Descriptions bordered column={{ xs: 1, md: 3 }} styles={{ label: { whiteSpace: "nowrap" } }}>
              <Descriptions.Item label="来源">{detail.ownerName}</Descriptions.Item>
              <Descriptions.Item label="类型">
                <ChecklistKindTag checklist={detail} />
              </Descriptions.Item>
              <Descriptions.Item label="当前版本">第 {detail.currentVersion} 版</Descriptions.Item>
              <Descriptions.Item label="检查项数">{detail.itemCount}</Descriptions.Item>
              <Descriptions.Item label="状态">{detail.archived ? "已归档" : "使用中"}</Descriptions.Item>
              <Descriptions.Item label="更新时间">{formatTime(detail.updatedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            title="检查内容"
            style={{ marginBottom: 16 }}
            extra={
              <Select
                aria-label="查看版本"
                size="small"
                style={{ minWidth: 150 }}
                value={detail.shownVersion}
                onChange={show}
                options={[...detail.versions].reverse().map((v) => ({ value: v.version, label: versionLabel(v, detail.currentVersion) }))}
              />
            }
          >
            {detail.shownVersion !== detail.currentVersion && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`正在查看第 ${detail.shownVersion} 版（当前为第 ${detail.currentVersion} 版）`}
                action={
                  <Button size="small" onClick={() => show(detail.currentVersion)}>
                    查看当前版本
                  </Button>
                }
              />
            )}
            <ChecklistContentView content={detail.content} />
          </Card>
          <Card title="版本记录">
            <Typography.Paragraph type="secondary">
              已被检查工作或检查记录使用的版本内容锁定；修改后另存为新版本，原检查记录仍显示当时的版本。
            </Typography.Paragraph>
            <VersionHistory detail={detail} onShow={show} />
          </Card>
          {copying && <CopyChecklistDialog checklist={detail} onClose={() => setCopying(false)} />}
          {importing && <ChecklistVersionImportDialog checklist={detail} onClose={() => setImporting(false)} />}
        </>
      )}
    </Loaded>
  );
}

/** /checklists/:id — a template's sections and items in any of its versions, and its version history. */
export function ChecklistDetailPage() {
  const { id = "" } = useParams();
  return isChecklistId(id) ? <LoadedChecklist id={id} /> : <NotFoundResult />;
}
