import { InboxOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Checkbox, Descriptions, Modal, Space, Table, type TableColumnsType, Typography, Upload } from "antd";
import { type ReactNode, useState } from "react";
import type { z } from "zod";
import type { FieldChange, ImportResult, ImportRowProblem, importPreviewOf } from "../../contracts/imports";

const rowLabel = (row: number) => `第 ${row} 行`;

const ISSUE_COLUMNS: TableColumnsType<ImportRowProblem> = [
  { title: "行号", dataIndex: "row", width: 88, render: rowLabel },
  // The server's reason starts with the column's name, so it needs no column of its own.
  { title: "原因", dataIndex: "message" },
];

/** What an upload would do (contracts/imports.ts), with the area's own sample rows. */
export type ImportPreview<Sample extends { row: number }> = Omit<z.infer<ReturnType<typeof importPreviewOf>>, "sample"> & { sample: Sample[] };

/** What differs from one register's import to another's; the two steps are the same for all. */
export interface ImportSetup<Sample extends { row: number }, Result extends ImportResult = ImportResult> {
  title: string;
  /** What may be uploaded, above the drop zone, with the template's download as its action. */
  intro: string;
  template: ReactNode;
  /** What the register counts its records in: 家 (institutions), 条 (hazards). */
  unit: string;
  sampleCaption: string;
  sampleColumns: TableColumnsType<Sample>;
  /** Fields the confirmation needs besides the file (the name of an imported checklist), shown with the preview. */
  confirmFields?: ReactNode;
  /** The caption over the bad rows, when a register does not leave them out but refuses the whole file. */
  errorCaption?: string;
  /** Why rows would update existing records (a register without updates never has any). */
  updateNotice?: (rows: number) => string;
  preview: (file: File) => Promise<ImportPreview<Sample>>;
  confirm: (importId: string, updateExisting: boolean) => Promise<Result>;
  /** What the confirmation did, when the counts of new and updated rows do not say it (a checklist's new version). */
  doneMessage?: (result: Result) => string;
  /** After a confirmed import: refresh what shows the register. */
  onImported: () => Promise<unknown>;
}

/** The row number as Excel shows it, for a sample's first column. */
export const rowNumberColumn = { title: "行号", dataIndex: "row", width: 72, render: rowLabel } as const;

type UpdateRow = ImportPreview<{ row: number }>["updates"][number];
const UPDATE_COLUMNS: TableColumnsType<UpdateRow> = [
  rowNumberColumn,
  { title: "机构", dataIndex: "name" },
  {
    title: "将要修改",
    dataIndex: "changes",
    render: (changes: FieldChange[]) => (
      <div className="yian-audit-summary">
        {changes.map((change) => (
          <div key={change.field}>
            {change.label}：{change.from} → {change.to}
          </div>
        ))}
      </div>
    ),
  },
];

function IssueTable({ issues, caption }: { issues: ImportRowProblem[]; caption: string }) {
  return (
    <Table<ImportRowProblem>
      size="small"
      title={() => caption}
      rowKey={(issue) => `${issue.row}-${issue.field ?? ""}-${issue.message}`}
      columns={ISSUE_COLUMNS}
      dataSource={issues}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
    />
  );
}

const shownRows = (shown: number, total: number, what: string) => (shown < total ? `${what}（前 ${shown} 条，共 ${total} 条）：` : `${what}：`);

/** What the preview found, before anything is written. */
function PreviewResult<Sample extends { row: number }, Result extends ImportResult>({
  setup,
  result,
  updateExisting,
  onUpdateExisting,
}: {
  setup: ImportSetup<Sample, Result>;
  result: ImportPreview<Sample>;
  updateExisting: boolean;
  onUpdateExisting: (value: boolean) => void;
}) {
  const errorRows = new Set(result.errors.map((e) => e.row)).size;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {setup.confirmFields}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label="文件">{result.fileName}</Descriptions.Item>
        <Descriptions.Item label="读取位置">
          工作表“{result.sheetName}”，第 {result.headerRow} 行为列名
        </Descriptions.Item>
        <Descriptions.Item label="数据行">{result.totalRows}</Descriptions.Item>
        <Descriptions.Item label="新增">{result.newRows}</Descriptions.Item>
        {/* A register that never updates (hazards, a checklist's items) has no such count to show. */}
        {setup.updateNotice && <Descriptions.Item label="更新已存在">{result.updateRows}</Descriptions.Item>}
        <Descriptions.Item label="有误">
          <Typography.Text type={errorRows > 0 ? "danger" : undefined}>{errorRows}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {result.unchangedRows > 0 && <Alert type="info" showIcon title={`${result.unchangedRows} 行与已登记的信息完全相同，无需导入。`} />}
      {result.notes && (
        <Alert
          type="info"
          showIcon
          title={`第 ${result.notes.from}${result.notes.to > result.notes.from ? `–${result.notes.to}` : ""} 行为表尾说明，未作为数据导入。`}
        />
      )}
      {result.unknownHeaders.length > 0 && <Alert type="info" showIcon title={`以下列不是导入项，其内容不会导入：${result.unknownHeaders.join("、")}`} />}
      {result.updateRows > 0 && (
        <Alert
          type="warning"
          showIcon
          title={setup.updateNotice?.(result.updateRows) ?? `${result.updateRows} 行已经登记。`}
          description={
            <Checkbox checked={updateExisting} onChange={(event) => onUpdateExisting(event.target.checked)}>
              更新已存在数据（不勾选则这些行不导入；留空的单元格保持原值）
            </Checkbox>
          }
        />
      )}
      {result.importId === null && <Alert type="warning" showIcon title="没有可导入的记录，请修改文件后重新选择。" />}
      {result.errors.length > 0 && <IssueTable issues={result.errors} caption={setup.errorCaption ?? "以下行有误，不会导入："} />}
      {result.warnings.length > 0 && <IssueTable issues={result.warnings} caption="以下行可以导入，但请核对：" />}
      {result.updates.length > 0 && (
        <Table<UpdateRow>
          size="small"
          title={() => shownRows(result.updates.length, result.updateRows, "已登记记录将要修改的内容")}
          rowKey="row"
          columns={UPDATE_COLUMNS}
          dataSource={result.updates}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
      )}
      {result.sample.length > 0 && (
        <Table<Sample>
          size="small"
          title={() => shownRows(result.sample.length, result.newRows, setup.sampleCaption)}
          rowKey="row"
          columns={setup.sampleColumns}
          dataSource={result.sample}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
      )}
    </Space>
  );
}

/**
 * Two steps: the uploaded workbook is checked and every bad row is listed, with what would be new
 * and what would change; only the user's confirmation writes, all rows or none.
 */
export function ImportDialog<Sample extends { row: number }, Result extends ImportResult = ImportResult>({
  setup,
  onClose,
}: {
  setup: ImportSetup<Sample, Result>;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [updateExisting, setUpdateExisting] = useState(false);
  const preview = useMutation({ mutationFn: setup.preview });
  const confirm = useMutation({
    mutationFn: (importId: string) => setup.confirm(importId, updateExisting),
    onSuccess: async (done) => {
      const { created, updated } = done;
      message.success(setup.doneMessage?.(done) ?? `导入完成：新增 ${created} ${setup.unit}${updated > 0 ? `，更新 ${updated} ${setup.unit}` : ""}`);
      await setup.onImported();
      onClose();
    },
    onError: (error) => message.error(error.message),
  });
  const result = preview.data;
  const toImport = result ? result.newRows + (updateExisting ? result.updateRows : 0) : 0;

  const footer = (
    <Space wrap>
      <Button onClick={onClose}>取消</Button>
      {result && (
        <Button
          onClick={() => {
            preview.reset();
            setUpdateExisting(false);
          }}
          disabled={confirm.isPending}
        >
          重新选择文件
        </Button>
      )}
      {result && (
        <Button
          type="primary"
          disabled={result.importId === null || toImport === 0}
          loading={confirm.isPending}
          onClick={() => result.importId && confirm.mutate(result.importId)}
        >
          导入 {toImport} 条
        </Button>
      )}
    </Space>
  );

  return (
    <Modal open title={setup.title} width={900} onCancel={onClose} footer={footer} mask={{ closable: false }}>
      {!result ? (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Alert type="info" showIcon title={setup.intro} action={setup.template} />
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
            <p className="ant-upload-hint">仅支持 .xlsx 格式；标题行、表尾说明、合并单元格均可保留</p>
          </Upload.Dragger>
        </Space>
      ) : (
        <PreviewResult setup={setup} result={result} updateExisting={updateExisting} onUpdateExisting={setUpdateExisting} />
      )}
    </Modal>
  );
}
