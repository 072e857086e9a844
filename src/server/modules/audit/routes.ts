import type { FastifyInstance } from "fastify";
import { AUDIT_ACTIONS, auditRoutes } from "../../../contracts/audit";
import { chinaMinute } from "../../../domain/calendar";
import type { AppDeps } from "../../deps";
import { registerRoute } from "../../platform/http/routes";
import { exportList } from "../../platform/list/export-list";
import { describeAuditRow } from "./describe";
import { auditBatches, findAuditRows } from "./queries";

export function registerAuditRoutes(app: FastifyInstance, { db, directory, clock }: AppDeps) {
  registerRoute(app, auditRoutes.list, async ({ query }) => {
    const page = await findAuditRows(db, query);
    return { ...page, items: page.items.map((row) => describeAuditRow(directory, row)) };
  });

  registerRoute(app, auditRoutes.export, async ({ actor, query }) =>
    exportList(db, actor, {
      action: "audit.export",
      targetType: "audit",
      filters: query,
      fileName: `审计日志-${clock.today()}.xlsx`,
      sheetName: "审计日志",
      columns: [
        { header: "时间", width: 18, value: (entry) => chinaMinute(new Date(entry.at)) },
        { header: "操作人", width: 14, value: (entry) => entry.actorUsername ?? "（未登录）" },
        { header: "操作", width: 16, value: (entry) => AUDIT_ACTIONS[entry.action as keyof typeof AUDIT_ACTIONS] ?? entry.action },
        { header: "对象", width: 24, value: (entry) => entry.targetName ?? entry.targetId ?? "" },
        { header: "结果", width: 8, value: (entry) => (entry.result === "success" ? "成功" : "失败") },
        { header: "IP 地址", width: 16, value: (entry) => entry.ip },
        { header: "详情", width: 60, value: (entry) => entry.summary.join("；") },
      ],
      batches: describedBatches(directory, auditBatches(db, query)),
    }),
  );
}

async function* describedBatches(directory: AppDeps["directory"], batches: ReturnType<typeof auditBatches>) {
  for await (const batch of batches) yield batch.map((row) => describeAuditRow(directory, row));
}
