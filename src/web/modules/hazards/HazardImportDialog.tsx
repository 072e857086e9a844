import { DownloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import type { TableColumnsType } from "antd";
import { type HazardImportSample, hazardImportRoutes } from "../../../contracts/hazard-import";
import { call, upload } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import { ImportDialog, type ImportSetup, rowNumberColumn } from "../../ui/ImportDialog";
import { refreshHazardData } from "./queries";

const SAMPLE_COLUMNS: TableColumnsType<HazardImportSample> = [
  rowNumberColumn,
  { title: "机构", dataIndex: "institutionName" },
  { title: "发现日期", dataIndex: "foundOn" },
  { title: "类别", dataIndex: "category" },
  { title: "隐患描述", dataIndex: "description" },
  { title: "整改状态", dataIndex: "state" },
];

/** 导入台账: the hazard ledger a county keeps in Excel today, moved in once, all rows or none. */
export function HazardImportDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const setup: ImportSetup<HazardImportSample> = {
    title: "导入隐患台账",
    intro:
      "可以直接上传现有的隐患台账（.xlsx），机构按名称或统一社会信用代码匹配。只导入一般隐患；已在台账中的隐患（同一机构、发现日期和描述）不会重复导入。上传后先检查每一行，确认后才会导入。",
    template: (
      <DownloadButton size="small" icon={<DownloadOutlined />} route={hazardImportRoutes.template} fileName="隐患台账导入模板.xlsx">
        下载模板
      </DownloadButton>
    ),
    unit: "条",
    sampleCaption: "将导入的隐患",
    sampleColumns: SAMPLE_COLUMNS,
    preview: (file) => upload(hazardImportRoutes.preview, file),
    confirm: (importId, updateExisting) => call(hazardImportRoutes.confirm, { params: { id: importId }, body: { updateExisting } }),
    onImported: () => refreshHazardData(queryClient),
  };
  return <ImportDialog setup={setup} onClose={onClose} />;
}
