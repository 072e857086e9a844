import { z } from "zod";
import { NOTICE_KINDS } from "../domain/notices";
import { CalendarDay, NoticeIdParams, optionalText, Pagination, pageOf, QueryBoolean, sortingOf } from "./common";
import { defineRoute, PUBLIC, requires } from "./route";
import { choice, labelled, references } from "./validation";

/** The most hazards one notice lists: a page of hazards, not a whole ledger. */
export const MAX_NOTICE_HAZARDS = 50;

/**
 * Issuing a notice for hazards of one institution. A 整改通知书 needs only the hazards; a
 * 卫生监督意见书 also names the party's legal representative (or person in charge) and states the
 * opinion. Left empty, the address and phone are the institution's, the legal basis is what the
 * hazards cite and the deadline is the latest of theirs.
 */
export const IssueNoticeBody = z.object({
  kind: choice(NOTICE_KINDS, "文书类型"),
  hazardIds: labelled(
    z
      .array(references(z.uuid(), "hazard", "隐患"))
      .min(1)
      .max(MAX_NOTICE_HAZARDS),
    "隐患",
  ),
  requirements: optionalText("整改要求", 1000).default(""),
  legalRepresentative: optionalText("法定代表人（负责人）", 50).default(""),
  address: optionalText("地址", 200).default(""),
  phone: optionalText("联系电话", 50).default(""),
  opinion: optionalText("监督意见", 3000).default(""),
  basis: optionalText("法律依据", 1000).default(""),
  deadline: labelled(CalendarDay, "整改期限").nullable().default(null),
});
export type IssueNoticeBody = z.infer<typeof IssueNoticeBody>;

export const NoticeSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: choice(NOTICE_KINDS, "文书类型"),
  institutionId: z.uuid(),
  institutionName: z.string(),
  authorityName: z.string(),
  issuedOn: z.string(),
  issuedByName: z.string(),
  hazardCount: z.number().int(),
  /** The last day for the whole notice; null when every hazard is fixed on the spot. */
  deadline: z.string().nullable(),
  /** 签收: when and by whom the institution acknowledged receipt; null until then. */
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
});
export type NoticeSummary = z.infer<typeof NoticeSummary>;

const HazardLine = z.object({
  number: z.string(),
  place: z.string(),
  category: z.string(),
  description: z.string(),
  basis: z.string(),
  grade: z.string(),
  deadline: z.string().nullable(),
  responsiblePerson: z.string(),
  responsiblePhone: z.string(),
});

/** The text as issued (domain/notices.ts NoticeContent). */
export const NoticeContent = z.object({
  kind: choice(NOTICE_KINDS, "文书类型"),
  title: z.string(),
  number: z.string(),
  authorityName: z.string(),
  issuedOn: z.string(),
  addressee: z.string(),
  paragraphs: z.array(z.string()),
  hazards: z.array(HazardLine),
  deadline: z.string().nullable(),
  party: z.object({ name: z.string(), legalRepresentative: z.string(), address: z.string(), phone: z.string() }).nullable(),
  opinion: z.string().nullable(),
  basis: z.string().nullable(),
  copies: z.array(z.string()),
});

export const NoticeDetail = NoticeSummary.extend({
  content: NoticeContent,
  /** The hazards it covers as they stand now (their state moves on; the notice's text does not). */
  hazards: z.array(
    z.object({ id: z.uuid(), number: z.string(), place: z.string(), description: z.string(), state: z.string(), deadline: z.string().nullable() }),
  ),
  /** The public page its QR code opens: /verify/<unguessable code>. */
  verifyPath: z.string(),
});
export type NoticeDetail = z.infer<typeof NoticeDetail>;

export const NoticeFilters = z.object({
  number: labelled(z.string().trim().max(50), "文书编号").optional(),
  institutionId: references(z.uuid(), "institution", "被通知机构").optional(),
  kind: choice(NOTICE_KINDS, "文书类型").optional(),
  acknowledged: labelled(QueryBoolean, "是否已签收").optional(),
  issuedFrom: labelled(CalendarDay, "签发日期起").optional(),
  issuedTo: labelled(CalendarDay, "签发日期止").optional(),
});
export type NoticeFilters = z.infer<typeof NoticeFilters>;
export const NOTICE_SORTS = { issuedOn: "签发日期", number: "文书编号", acknowledgedAt: "签收时间" } as const;
export const NoticeListQuery = NoticeFilters.extend(Pagination.shape).extend(sortingOf(NOTICE_SORTS).shape);
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

/** What the public verification page may say: genuine, and these four facts — nothing else. */
export const NoticeVerification = z.object({
  genuine: z.literal(true),
  number: z.string(),
  authorityName: z.string(),
  issuedOn: z.string(),
  institutionName: z.string(),
});
export type NoticeVerification = z.infer<typeof NoticeVerification>;

export const VerifyCodeParams = z.object({ code: labelled(z.string().trim().min(1).max(100), "核验码") });

const EXAMPLE: z.input<typeof IssueNoticeBody> = {
  kind: "supervision_opinion",
  hazardIds: ["00000000-0000-4000-8000-000000000000"],
  requirements: "整改期间配电间加强巡查",
  legalRepresentative: "王院长",
  address: "兰考县中山街 1 号",
  phone: "0371-26991234",
  opinion: "经检查，你单位门诊楼一层配电间配电柜前堆放纸箱等可燃物，柜门无法完全打开。",
  basis: "《机关、团体、企业、事业单位消防安全管理规定》第二十一条",
  deadline: "2026-06-30",
};

export const noticeRoutes = {
  issue: defineRoute({
    method: "POST",
    path: "/api/notices",
    summary: "开具整改通知书或卫生监督意见书",
    description:
      "为同一机构的一项或多项未销号隐患开具文书；编号按签发部门和年份连续编制（前缀为签发部门的设置）。每项隐患的办理记录和审计日志同时写入。文书内容签发后不再改变。",
    access: requires("hazard:record"),
    body: IssueNoticeBody,
    example: EXAMPLE,
    response: NoticeDetail,
    status: 201,
  }),
  list: defineRoute({
    method: "GET",
    path: "/api/notices",
    summary: "通知书列表（监管部门为管辖范围内；机构用户为本单位）",
    access: requires("hazard:read"),
    query: NoticeListQuery,
    response: pageOf(NoticeSummary),
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/notices/export",
    summary: "导出筛选后的通知书列表（.xlsx）",
    access: requires("hazard:read"),
    query: NoticeFilters.extend(sortingOf(NOTICE_SORTS).shape),
    response: "file",
  }),
  detail: defineRoute({
    method: "GET",
    path: "/api/notices/:id",
    summary: "通知书详情：签发内容、所列隐患及签收情况",
    access: requires("hazard:read"),
    params: NoticeIdParams,
    response: NoticeDetail,
  }),
  pdf: defineRoute({
    method: "GET",
    path: "/api/notices/:id/pdf",
    summary: "下载通知书 PDF（含核验二维码）",
    access: requires("hazard:read"),
    params: NoticeIdParams,
    response: "file",
  }),
  acknowledge: defineRoute({
    method: "POST",
    path: "/api/notices/:id/acknowledge",
    summary: "机构签收通知书",
    description: "记录签收时间和签收人；已签收的再次签收返回 409 并说明签收时间。",
    access: requires("notice:acknowledge"),
    params: NoticeIdParams,
    response: NoticeDetail,
  }),
  verify: defineRoute({
    method: "GET",
    path: "/api/public/notices/:code",
    summary: "公开核验文书真伪（无需登录）",
    description: "按二维码中的核验码回答文书是否为本系统出具，以及编号、签发部门、签发日期和被通知机构名称；未知的核验码返回 404。",
    access: PUBLIC,
    params: VerifyCodeParams,
    response: NoticeVerification,
  }),
};
