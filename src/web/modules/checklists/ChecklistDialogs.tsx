import { DownloadOutlined } from "@ant-design/icons";
import { Form, Input, type TableColumnsType } from "antd";
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import type { z } from "zod";
import {
  type ChecklistDetail,
  type ChecklistImportSample,
  type ChecklistSummary,
  type ChecklistVersionImportResult,
  checklistRoutes,
} from "../../../contracts/checklists";
import { call, upload } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import { FormDialog } from "../../ui/FormDialog";
import { ImportDialog, type ImportSetup, rowNumberColumn } from "../../ui/ImportDialog";
import { useCopyChecklist, useRefreshChecklists } from "./queries";

/** 复制为本部门的检查表: a shipped or higher authority's template becomes the caller's own, to adapt; its page opens. */
export function CopyChecklistDialog({ checklist, onClose }: { checklist: Pick<ChecklistSummary, "id" | "name">; onClose: () => void }) {
  const copy = useCopyChecklist();
  const navigate = useNavigate();
  return (
    <FormDialog<{ name: string }>
      title="复制为本部门的检查表"
      okText="复制"
      initialValues={{ name: checklist.name }}
      onSubmit={async ({ name }) => {
        const created = await copy.mutateAsync({ id: checklist.id, name });
        navigate(`/checklists/${created.id}`);
      }}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label="检查表名称"
        rules={[{ required: true, message: "请填写检查表名称" }]}
        extra="复制后可在本部门的检查表中修改；原检查表不受影响。"
      >
        <Input maxLength={100} />
      </Form.Item>
    </FormDialog>
  );
}

const SAMPLE_COLUMNS: TableColumnsType<ChecklistImportSample> = [
  rowNumberColumn,
  { title: "部分", dataIndex: "section" },
  { title: "检查项", dataIndex: "text" },
  { title: "隐患类别", dataIndex: "category" },
  { title: "作答方式", dataIndex: "answerType" },
  { title: "分值", dataIndex: "maxScore", render: (score: number | null) => score ?? "—" },
];

/** 导入检查表: a workbook (one row per item) becomes a new template of the authority, whole or not at all; its page opens. */
export function ChecklistImportDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const refresh = useRefreshChecklists();
  const [name, setName] = useState("");
  const created = useRef<string | null>(null);
  const setup: ImportSetup<ChecklistImportSample> = {
    title: "导入检查表",
    intro: "每行一个检查项，同一部分的检查项填写相同的“部分”名称；导出的检查表可修改后再导入。上传后先检查每一行，任何一行有误则整表不导入。",
    template: (
      <DownloadButton size="small" icon={<DownloadOutlined />} route={checklistRoutes.importTemplate} fileName="检查表导入模板.xlsx">
        下载模板
      </DownloadButton>
    ),
    unit: "项",
    sampleCaption: "将导入的检查项",
    sampleColumns: SAMPLE_COLUMNS,
    errorCaption: "以下行有误，请改正后重新上传（整表导入，有误时一项也不导入）：",
    confirmFields: (
      <Form layout="vertical">
        <Form.Item label="检查表名称" required help={name.trim() ? undefined : "请填写检查表名称"} validateStatus={name.trim() ? undefined : "error"}>
          <Input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} aria-label="检查表名称" />
        </Form.Item>
      </Form>
    ),
    preview: (file) => {
      // The file's name is the likely name of the template (an exported one is named so); it can be changed before confirming.
      setName(file.name.replace(/\.xlsx$/i, "").replace(/（第\d+版）$/, ""));
      return upload(checklistRoutes.importPreview, file);
    },
    confirm: async (importId, updateExisting) => {
      const result = await call(checklistRoutes.importConfirm, { params: { id: importId }, body: { updateExisting, name } });
      created.current = result.checklistId;
      return result;
    },
    onImported: async () => {
      await refresh();
      if (created.current) navigate(`/checklists/${created.current}`);
    },
  };
  return <ImportDialog setup={setup} onClose={onClose} />;
}

/** What a confirmed import did to the template, by the versioning rule. */
function versionImportDone(result: z.infer<typeof ChecklistVersionImportResult>): string {
  if (result.newVersion) return `已导入为第 ${result.version} 版；已使用的第 ${result.version - 1} 版保持不变`;
  return `已导入：第 ${result.version} 版尚未使用，已直接更新`;
}

/**
 * 导入新版本: a workbook in the export's columns becomes the template's next content, as an edit
 * would — a used current version stays as it is and the file becomes the next one; an unused one
 * is corrected. Items the file still has keep their place in earlier inspections' answers.
 */
export function ChecklistVersionImportDialog({ checklist, onClose }: { checklist: ChecklistDetail; onClose: () => void }) {
  const navigate = useNavigate();
  const refresh = useRefreshChecklists();
  const current = checklist.versions.find((v) => v.version === checklist.currentVersion);
  const setup: ImportSetup<ChecklistImportSample, z.infer<typeof ChecklistVersionImportResult>> = {
    title: `导入新版本：${checklist.name}`,
    intro: `上传的文件将作为该检查表的新内容（格式同“导出 Excel”，可导出当前版本修改后上传）。${
      current?.firstUsedAt
        ? `当前第 ${checklist.currentVersion} 版已被使用，导入后保存为第 ${checklist.currentVersion + 1} 版，原版本内容不变。`
        : `当前第 ${checklist.currentVersion} 版尚未使用，导入后直接更新该版本。`
    }任何一行有误则整表不导入。`,
    template: (
      <DownloadButton
        size="small"
        icon={<DownloadOutlined />}
        route={checklistRoutes.exportOne}
        input={{ params: { id: checklist.id }, query: { version: checklist.currentVersion } }}
        fileName={`${checklist.name}.xlsx`}
      >
        导出当前版本
      </DownloadButton>
    ),
    unit: "项",
    sampleCaption: "新版本的检查项",
    sampleColumns: SAMPLE_COLUMNS,
    errorCaption: "以下行有误，请改正后重新上传（整表导入，有误时一项也不导入）：",
    preview: (file) => upload(checklistRoutes.versionImportPreview, file, { params: { id: checklist.id } }),
    confirm: (importId) =>
      call(checklistRoutes.versionImportConfirm, { params: { id: checklist.id }, body: { importId, baseVersion: checklist.currentVersion } }),
    doneMessage: versionImportDone,
    onImported: async () => {
      await refresh();
      navigate(`/checklists/${checklist.id}`);
    },
  };
  return <ImportDialog setup={setup} onClose={onClose} />;
}
