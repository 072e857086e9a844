import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Modal, Space, Table, type TableColumnsType, Typography, Upload } from "antd";
import { INSTITUTION_TYPES } from "../../../contracts/enums";
import type { ImportPreview, ImportRowError } from "../../../contracts/institutions";
import { api } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf } from "../../ui/enum-options";
import { refreshInstitutionData } from "./queries";

const ISSUE_COLUMNS: TableColumnsType<ImportRowError> = [
  { title: "行号", dataIndex: "row", width: 88, render: (row: number) => `第 ${row} 行` },
  // The server's reason starts with the column's name, so it needs no column of its own.
  { title: "原因", dataIndex: "message" },
];

type SampleRow = ImportPreview["sample"][number];
const SAMPLE_COLUMNS: TableColumnsType<SampleRow> = [
  { title: "行号", dataIndex: "row", width: 72, render: (row: number) => `第 ${row} 行` },
  { title: "机构名称", dataIndex: "name" },
  { title: "统一社会信用代码", dataIndex: "creditCode" },
  { title: "机构类型", dataIndex: "type", render: (type: string) => labelOf(INSTITUTION_TYPES, type) },
  { title: "区划代码", dataIndex: "jurisdictionCode" },
];

function IssueTable({ issues, caption }: { issues: ImportRowError[]; caption: string }) {
  return (
    <Table<ImportRowError>
      size="small"
      title={() => caption}
      rowKey={(issue) => `${issue.row}-${issue.field ?? ""}-${issue.message}`}
      columns={ISSUE_COLUMNS}
      dataSource={issues}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
    />
  );
}

/**
 * Two steps: the uploaded workbook is checked and every bad row is listed; only the user's
 * confirmation imports the valid rows.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const preview = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append("file", file);
      return api<ImportPreview>("/api/institutions/imports", { method: "POST", body });
    },
  });
  const confirm = useMutation({
    mutationFn: (importId: string) => api<{ imported: number }>(`/api/institutions/imports/${importId}/confirm`, { method: "POST" }),
    onSuccess: async ({ imported }) => {
      message.success(`已导入 ${imported} 条机构记录`);
      await refreshInstitutionData(queryClient);
      onClose();
    },
    onError: (error) => message.error(error.message),
  });
  const result = preview.data;

  const footer = (
    <Space wrap>
      <Button onClick={onClose}>取消</Button>
      {result && (
        <Button onClick={() => preview.reset()} disabled={confirm.isPending}>
          重新选择文件
        </Button>
      )}
      {result && (
        <Button
          type="primary"
          disabled={result.importId === null}
          loading={confirm.isPending}
          onClick={() => result.importId && confirm.mutate(result.importId)}
        >
          导入 {result.validRows} 条有效记录
        </Button>
      )}
    </Space>
  );

  return (
    <Modal open title="导入机构" width={860} onCancel={onClose} footer={footer} mask={{ closable: false }}>
      {!result ? (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Alert
            type="info"
            showIcon
            title="请使用导入模板填写（.xlsx）。上传后先检查每一行，列出有误的行；确认后才会导入有效记录。"
            action={
              <DownloadButton size="small" icon={<DownloadOutlined />} path="/api/institutions/import-template" fileName="机构导入模板.xlsx">
                下载模板
              </DownloadButton>
            }
          />
          {preview.error && <Alert type="error" showIcon title={preview.error.message} />}
          <Upload.Dragger
            accept=".xlsx"
            showUploadList={false}
            disabled={preview.isPending}
            beforeUpload={(file) => {
              preview.mutate(file);
              // The file goes through the API client (CSRF header, error messages), not the component's own upload.
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{preview.isPending ? "正在检查文件…" : "点击或拖拽 Excel 文件到此处"}</p>
            <p className="ant-upload-hint">仅支持 .xlsx 格式，首行为列名（与模板一致）</p>
          </Upload.Dragger>
        </Space>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }}>
            <Descriptions.Item label="文件">{result.fileName}</Descriptions.Item>
            <Descriptions.Item label="数据行">{result.totalRows}</Descriptions.Item>
            <Descriptions.Item label="有效">{result.validRows}</Descriptions.Item>
            <Descriptions.Item label="有误">
              <Typography.Text type={result.errors.length > 0 ? "danger" : undefined}>{new Set(result.errors.map((e) => e.row)).size}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {result.importId === null && <Alert type="warning" showIcon title="没有可导入的有效记录，请修改文件后重新选择。" />}
          {result.errors.length > 0 && <IssueTable issues={result.errors} caption="以下行有误，不会导入：" />}
          {result.warnings.length > 0 && <IssueTable issues={result.warnings} caption="以下行可以导入，但请核对：" />}
          {result.sample.length > 0 && (
            <Table<SampleRow>
              size="small"
              title={() => (result.sample.length < result.validRows ? `将导入的记录（前 ${result.sample.length} 条）：` : "将导入的记录：")}
              rowKey="row"
              columns={SAMPLE_COLUMNS}
              dataSource={result.sample}
              pagination={false}
              scroll={{ x: "max-content" }}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
