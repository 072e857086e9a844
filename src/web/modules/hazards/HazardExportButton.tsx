import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { App, Button, Modal, Progress, Typography } from "antd";
import { useState } from "react";
import type { z } from "zod";
import { exportJobRoutes, HAZARD_EXPORT_INLINE_LIMIT, type HazardExportQuery, hazardRoutes } from "../../../contracts/hazards";
import { call, download } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import type { PageCount } from "../../ui/use-list-params";

const FILE_NAME = "隐患台账.xlsx";

/** A background export's progress until its file is ready, then the download. */
function ExportJobDialog({ jobId, onClose }: { jobId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const job = useQuery({
    queryKey: [exportJobRoutes.progress.path, jobId],
    queryFn: () => call(exportJobRoutes.progress, { params: { id: jobId } }),
    refetchInterval: (query) => (query.state.data?.state === "done" || query.state.data?.state === "failed" ? false : 1000),
  });
  const state = job.data?.state;
  const total = job.data?.rowsTotal ?? 0;
  const percent = state === "done" ? 100 : total > 0 ? Math.floor(((job.data?.rowsDone ?? 0) / total) * 100) : 0;
  const fetchFile = useMutation({
    mutationFn: () => download(exportJobRoutes.file, { params: { id: jobId } }, job.data?.fileName ?? FILE_NAME),
    onError: (error) => message.error(error.message),
  });
  return (
    <Modal
      open
      title="后台导出隐患台账"
      onCancel={onClose}
      footer={
        <Button type="primary" icon={<DownloadOutlined />} disabled={state !== "done"} loading={fetchFile.isPending} onClick={() => fetchFile.mutate()}>
          下载
        </Button>
      }
    >
      <Progress percent={percent} status={state === "failed" ? "exception" : state === "done" ? "success" : "active"} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {state === "failed"
          ? `导出失败：${job.data?.error ?? "请稍后重试"}`
          : state === "done"
            ? `已完成，共 ${(job.data?.rowsDone ?? 0).toLocaleString("zh-CN")} 条。`
            : `正在导出${total > 0 ? `：${(job.data?.rowsDone ?? 0).toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")} 条` : "…"}。可以关闭此窗口，导出在后台继续。`}
      </Typography.Paragraph>
    </Modal>
  );
}

/**
 * 导出 of the filtered ledger: at once while it holds at most the inline limit; beyond it, as a
 * background job whose progress shows until the file is ready.
 */
/** The list's filters and order as the URL holds them. */
type LedgerQuery = Partial<Record<string, string>>;

export function HazardExportButton({ query, counted }: { query: LedgerQuery; counted: PageCount | undefined }) {
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const large = counted !== undefined && (counted.totalCapped === true || counted.total > HAZARD_EXPORT_INLINE_LIMIT);
  const start = useMutation({
    // The URL's strings, checked by the server exactly as the list's query is.
    mutationFn: () => call(hazardRoutes.exportJobCreate, { body: query as z.input<typeof HazardExportQuery> }),
    onSuccess: (job) => setJobId(job.id),
    onError: (error) => message.error(error.message),
  });
  if (!large) {
    return (
      <DownloadButton icon={<DownloadOutlined />} route={hazardRoutes.export} input={{ query }} fileName={FILE_NAME}>
        导出
      </DownloadButton>
    );
  }
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={start.isPending} onClick={() => start.mutate()}>
        后台导出
      </Button>
      {jobId && <ExportJobDialog jobId={jobId} onClose={() => setJobId(null)} />}
    </>
  );
}
