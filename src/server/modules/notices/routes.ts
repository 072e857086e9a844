import type { FastifyInstance, FastifyRequest } from "fastify";
import { noticeRoutes } from "../../../contracts/notices";
import { chinaMinute } from "../../../domain/calendar";
import type { NoticeContent } from "../../../domain/notices";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { exportList } from "../../platform/list/export-list";
import { PDF_TYPE, renderPdf } from "../../platform/pdf";
import { acknowledgeNotice } from "./acknowledge-notice";
import { issueNotice } from "./issue-notice";
import { noticeDocument } from "./notice-document";
import { findNotice, listNotices, noticeBatches, noticeDetail, noticeListCondition, verificationOf, verifyPathOf } from "./queries";

const NOT_FOUND = "通知书不存在";
/** The public verification's answer to a code no notice carries: it may be forged, or mistyped. */
const NOT_GENUINE = "未找到该文书，可能不是本系统出具。请核对二维码或向签发机关核实。";

export function registerNoticeRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock, config } = deps;
  /** Where the QR code points: the configured public address, or the one this request came to. */
  const siteOf = (request: FastifyRequest) => config.PUBLIC_URL?.replace(/\/$/, "") ?? `${request.protocol}://${request.host}`;

  registerRoute(app, noticeRoutes.issue, ({ actor, body }) => issueNotice(deps, requireUser(actor), body));
  registerRoute(app, noticeRoutes.list, ({ actor, query }) => listNotices(db, actor.scope, query));
  registerRoute(app, noticeRoutes.export, async ({ actor, query }) =>
    exportList(db, actor, {
      action: "notice.export",
      targetType: "notice",
      filters: query,
      fileName: `通知书-${clock.today()}.xlsx`,
      sheetName: "通知书",
      columns: [
        { header: "文书编号", width: 26, value: (n) => n.number },
        { header: "文书类型", width: 14, value: (n) => (n.kind === "rectification" ? "整改通知书" : "卫生监督意见书") },
        { header: "被通知机构", width: 30, value: (n) => n.institutionName },
        { header: "签发部门", width: 24, value: (n) => n.authorityName },
        { header: "签发日期", width: 12, value: (n) => n.issuedOn },
        { header: "签发人", width: 12, value: (n) => n.issuedByName },
        { header: "隐患数", width: 8, value: (n) => n.hazardCount },
        { header: "整改期限", width: 12, value: (n) => n.deadline ?? "立行立改" },
        { header: "签收情况", width: 18, value: (n) => (n.acknowledgedAt ? `${chinaMinute(new Date(n.acknowledgedAt))} 已签收` : "未签收") },
        { header: "签收人", width: 12, value: (n) => n.acknowledgedByName ?? "" },
      ],
      batches: noticeBatches(db, noticeListCondition(actor.scope, query), query),
    }),
  );
  registerRoute(app, noticeRoutes.detail, async ({ actor, params }) => {
    const found = await findNotice(db, actor.scope, params.id);
    if (!found) throw notFound(NOT_FOUND);
    return noticeDetail(db, found);
  });
  registerRoute(app, noticeRoutes.pdf, async ({ actor, params, request }) => {
    const found = await findNotice(db, actor.scope, params.id);
    if (!found) throw notFound(NOT_FOUND);
    const content = found.row.content as NoticeContent;
    const body = await renderPdf(noticeDocument(content, `${siteOf(request)}${verifyPathOf(found.row.verifyCode)}`));
    return { fileName: `${content.title}-${content.number}.pdf`, contentType: PDF_TYPE, body };
  });
  registerRoute(app, noticeRoutes.acknowledge, ({ actor, params }) => acknowledgeNotice(deps, requireUser(actor), params.id));
  registerRoute(app, noticeRoutes.verify, async ({ params }) => {
    const found = await verificationOf(db, params.code);
    if (!found) throw notFound(NOT_GENUINE);
    return found;
  });
}
