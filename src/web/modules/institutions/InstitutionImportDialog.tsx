import { DownloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import type { TableColumnsType } from "antd";
import { INSTITUTION_GRADES, INSTITUTION_TYPES } from "../../../contracts/enums";
import { type InstitutionImportPreview, institutionRoutes } from "../../../contracts/institutions";
import { call, upload } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf } from "../../ui/enum-options";
import { ImportDialog, type ImportSetup, rowNumberColumn } from "../../ui/ImportDialog";
import { refreshInstitutionData } from "./queries";

type SampleRow = InstitutionImportPreview["sample"][number];
const SAMPLE_COLUMNS: TableColumnsType<SampleRow> = [
  rowNumberColumn,
  { title: "机构名称", dataIndex: "name" },
  { title: "统一社会信用代码", dataIndex: "creditCode" },
  { title: "机构类型", dataIndex: "type", render: (type: string) => labelOf(INSTITUTION_TYPES, type) },
  { title: "等级", dataIndex: "grade", render: (grade: string) => labelOf(INSTITUTION_GRADES, grade) },
  { title: "所在县（市、区）", dataIndex: "jurisdictionName" },
];

/** 导入机构: a register of institutions as authorities keep it, new rows and updates by credit code. */
export function InstitutionImportDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const setup: ImportSetup<SampleRow> = {
    title: "导入机构",
    intro: "可以直接上传现有的机构名录（.xlsx），也可以下载模板填写。系统会自动找到列名所在的行，上传后先检查每一行，确认后才会导入。",
    template: (
      <DownloadButton size="small" icon={<DownloadOutlined />} route={institutionRoutes.importTemplate} fileName="机构导入模板.xlsx">
        下载模板
      </DownloadButton>
    ),
    unit: "家",
    sampleCaption: "将新增的机构",
    sampleColumns: SAMPLE_COLUMNS,
    updateNotice: (rows) => `${rows} 行的统一社会信用代码已经登记。`,
    preview: (file) => upload(institutionRoutes.importPreview, file),
    confirm: (importId, updateExisting) => call(institutionRoutes.importConfirm, { params: { id: importId }, body: { updateExisting } }),
    onImported: () => refreshInstitutionData(queryClient),
  };
  return <ImportDialog setup={setup} onClose={onClose} />;
}
