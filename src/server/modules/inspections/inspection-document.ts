import type { Content, TableCell } from "pdfmake/interfaces";
import type { InspectionDetail } from "../../../contracts/inspections";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";
import { HAZARD_GRADES } from "../../../domain/hazard-lifecycle";
import { INSPECTION_KINDS, ITEM_RESULTS, RECHECK_RESULTS } from "../../../domain/inspections";
import { chineseDate } from "../../../domain/notices";
import type { PdfDocument } from "../../platform/pdf";

/**
 * The printed 现场检查记录 of one inspection (shared/domain.md §2: on site the group records each
 * item, gives its rectification opinions and the institution's representative acknowledges):
 * inspected party, inspecting authority, time, place and inspectors; each item with its finding and
 * its photos as thumbnails; the hazards recorded and the 回头看's re-checks; the opinions; and the
 * signatures, the representative's as drawn on the phone. Images come as data URLs: the document
 * fetches nothing (platform/pdf.ts).
 */

export interface DocumentImages {
  /** JPEG thumbnails of the photos, by attachment id. */
  thumbnails: Map<string, string>;
  /** The drawn signature, a PNG data URL. */
  signature: string | null;
}

const labelOf = (labels: Record<string, string>, key: string | null) => (key ? (labels[key] ?? key) : "");
const header = (text: string): TableCell => ({ text, bold: true, fillColor: "#f2f2f2", alignment: "center" });
const minute = (iso: string | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }).slice(0, -3) : "");

function partyTable(detail: InspectionDetail): Content {
  const time = [chineseDate(detail.inspectedOn), [minute(detail.startedAt).slice(-5), minute(detail.finishedAt).slice(-5)].filter(Boolean).join("—")]
    .filter(Boolean)
    .join(" ");
  const row = (label: string, value: string): TableCell[] => [{ text: label, bold: true }, value || "—"];
  return {
    table: {
      widths: [90, "*"],
      body: [
        row("被检查单位", `${detail.institutionName}（${detail.jurisdictionName}）`),
        row("检查单位", detail.authorityName ?? `${detail.institutionName}（自查）`),
        row("检查工作", [detail.campaignName, detail.groupName].filter(Boolean).join(" · ")),
        row("检查时间", time),
        row("检查地点", detail.place),
        row("检查人员", detail.inspectors.map((one) => (one.unit ? `${one.name}（${one.unit}）` : one.name)).join("、")),
        row("检查表", `${detail.checklistName}（第 ${detail.checklistVersion} 版）`),
      ],
    },
    layout: "lightHorizontalLines",
    margin: [0, 0, 0, 12],
  };
}

function findingOf(item: InspectionDetail["sections"][number]["items"][number]): string {
  if (item.answerType === "score") return `${item.score ?? "—"} / ${item.maxScore ?? "—"} 分`;
  return labelOf(ITEM_RESULTS, item.result);
}

function thumbnailRow(ids: string[], images: DocumentImages): Content[] {
  const shown = ids.flatMap((id) => images.thumbnails.get(id) ?? []);
  if (shown.length === 0) return [];
  return [{ columns: shown.map((image) => ({ image, fit: [80, 80], width: 86 })), columnGap: 4, margin: [0, 4, 0, 0] }];
}

function itemTable(detail: InspectionDetail, images: DocumentImages): Content[] {
  return detail.sections.map((section) => ({
    stack: [
      { text: section.score === null ? section.title : `${section.title}（${section.score} / ${section.maxScore} 分）`, bold: true, margin: [0, 6, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: [22, "*", 50, 150],
          body: [
            ["序号", "检查内容", "结果", "检查情况"].map(header),
            ...section.items.map((item, index): TableCell[] => [
              { text: String(index + 1), alignment: "center" },
              { stack: [item.text, ...(item.basis ? [{ text: item.basis, fontSize: 7, color: "#666666" }] : [])] },
              {
                text: findingOf(item),
                alignment: "center",
                color: item.result === "non_compliant" ? "#c00000" : undefined,
                bold: item.result === "non_compliant",
              },
              {
                stack: [
                  item.note || (item.noHazardReason ? "" : "—"),
                  ...(item.noHazardReason ? [{ text: `未登记隐患：${item.noHazardReason}`, fontSize: 8 }] : []),
                  ...thumbnailRow(
                    item.photos.map((photo) => photo.id),
                    images,
                  ),
                ],
              },
            ]),
          ],
        },
        fontSize: 9,
      },
    ],
  }));
}

function hazardTable(detail: InspectionDetail): Content[] {
  if (detail.hazards.length === 0) return [{ text: "发现的隐患：无", bold: true, margin: [0, 12, 0, 0] }];
  return [
    { text: `发现的隐患（${detail.hazards.length} 项）`, bold: true, margin: [0, 12, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: [84, 60, "*", 56, 56],
        body: [
          ["隐患编号", "隐患部位", "隐患描述", "等级", "整改时限"].map(header),
          ...detail.hazards.map((one): TableCell[] => [
            one.number,
            one.place,
            `【${hazardCategoryLabel(one.category)}】${one.description}`,
            labelOf(HAZARD_GRADES, one.grade),
            one.deadline ? chineseDate(one.deadline) : "立行立改",
          ]),
        ],
      },
      fontSize: 9,
    },
  ];
}

function recheckTable(detail: InspectionDetail, images: DocumentImages): Content[] {
  if (detail.rechecks.length === 0) return [];
  return [
    { text: "回头看复查", bold: true, margin: [0, 12, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: [84, "*", 50, 150],
        body: [
          ["隐患编号", "隐患描述", "复查结果", "复查情况"].map(header),
          ...detail.rechecks.map((one): TableCell[] => [
            one.hazardNumber,
            one.description,
            { text: labelOf(RECHECK_RESULTS, one.result), alignment: "center" },
            {
              stack: [
                one.note || "—",
                ...thumbnailRow(
                  one.photos.map((photo) => photo.id),
                  images,
                ),
              ],
            },
          ]),
        ],
      },
      fontSize: 9,
    },
  ];
}

const opinionBlock = (title: string, text: string): Content => ({
  stack: [
    { text: title, bold: true, margin: [0, 12, 0, 4] },
    { text: text || "无", lineHeight: 1.4 },
  ],
});

function signatures(detail: InspectionDetail, images: DocumentImages): Content {
  return {
    columns: [
      {
        width: "*",
        stack: [
          { text: "检查人员：", bold: true },
          { text: detail.inspectors.map((one) => one.name).join("、"), margin: [0, 6, 0, 0] },
          { text: `提交人：${detail.submittedByName}　${minute(detail.submittedAt)}`, fontSize: 8, color: "#555555", margin: [0, 6, 0, 0] },
        ],
      },
      {
        width: "*",
        stack: [
          { text: "被检查单位负责人签字：", bold: true },
          images.signature ? { image: images.signature, fit: [180, 70], margin: [0, 4, 0, 0] } : { text: "（未签字）", color: "#888888", margin: [0, 6, 0, 0] },
          { text: [detail.representativeName, minute(detail.acknowledgedAt)].filter(Boolean).join("　"), margin: [0, 4, 0, 0] },
        ],
      },
    ],
    margin: [0, 20, 0, 0],
    unbreakable: true,
  };
}

/** The document definition of an inspection's 现场检查记录. */
export function inspectionDocument(detail: InspectionDetail, images: DocumentImages): PdfDocument {
  const kind = labelOf(INSPECTION_KINDS, detail.kind);
  const summary =
    detail.hazards.length === 0 ? "本次检查未发现隐患。" : `本次检查 ${detail.nonCompliantCount} 项不符合，登记隐患 ${detail.hazards.length} 项。`;
  return {
    info: { title: `现场检查记录 ${detail.institutionName} ${detail.inspectedOn}`, author: detail.authorityName ?? detail.institutionName },
    pageSize: "A4",
    pageMargins: [50, 50, 50, 50],
    defaultStyle: { fontSize: 10 },
    footer: { text: "现场检查记录　第 {page} 页 / 共 {pages} 页", alignment: "center", fontSize: 8, color: "#888888" },
    content: [
      { text: "现场检查记录", fontSize: 20, bold: true, alignment: "center", characterSpacing: 4 },
      { text: `（${kind}）`, alignment: "center", margin: [0, 4, 0, 14] },
      partyTable(detail),
      { text: `检查情况　${summary}${detail.score === null ? "" : `　总分 ${detail.score} / ${detail.maxScore} 分`}`, bold: true },
      ...itemTable(detail, images),
      ...hazardTable(detail),
      ...recheckTable(detail, images),
      opinionBlock("检查意见", detail.remarks),
      opinionBlock("现场整改意见", detail.onSiteOpinions),
      ...(detail.notices.length > 0
        ? [{ text: `已开具通知书：${detail.notices.map((one) => one.number).join("、")}`, margin: [0, 8, 0, 0] as [number, number, number, number] }]
        : []),
      signatures(detail, images),
    ],
  };
}
