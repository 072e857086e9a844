import type { Content, TableCell } from "pdfmake/interfaces";
import { chineseDate, type NoticeContent } from "../../../domain/notices";
import type { PdfDocument } from "../../platform/pdf";

/**
 * The printed layout of a notice, from its text as issued: the issuing authority's red masthead
 * (红头), title and number (发文字号), addressee, body, the list of hazards, the agency and date
 * where the seal goes, and a QR code that opens the public verification page. A 卫生监督意见书 also
 * shows the party's details and the party's signature line, and prints as its two copies.
 */

const RED = "#c00000";
const HAZARD_WIDTHS = [22, 84, 58, "*", 70, 60, 52];

const headerCell = (text: string): TableCell => ({ text, bold: true, fillColor: "#f2f2f2", alignment: "center" });

function hazardTable(content: NoticeContent): Content {
  return {
    table: {
      headerRows: 1,
      widths: [...HAZARD_WIDTHS],
      body: [
        ["序号", "隐患编号", "隐患部位", "隐患描述", "判定依据", "整改时限", "责任人"].map(headerCell),
        ...content.hazards.map((h, index): TableCell[] => [
          { text: String(index + 1), alignment: "center" },
          h.number,
          h.place,
          `【${h.grade}·${h.category}】${h.description}`,
          h.basis || "—",
          { text: h.deadline ? chineseDate(h.deadline) : "立行立改", alignment: "center" },
          { stack: [h.responsiblePerson, ...(h.responsiblePhone ? [{ text: h.responsiblePhone, fontSize: 7 }] : [])] },
        ]),
      ],
    },
    fontSize: 9,
    margin: [0, 6, 0, 12],
  };
}

const paragraph = (text: string): Content => ({ text, leadingIndent: 22, margin: [0, 0, 0, 6], lineHeight: 1.4 });

function partyBlock(content: NoticeContent): Content {
  const party = content.party;
  if (!party) return [];
  const row = (label: string, value: string): TableCell[] => [{ text: label, bold: true }, value || "—"];
  return {
    table: {
      widths: [110, "*"],
      body: [
        row("被监督单位（当事人）", party.name),
        row("法定代表人（负责人）", party.legalRepresentative),
        row("地址", party.address),
        row("联系电话", party.phone),
      ],
    },
    layout: "lightHorizontalLines",
    margin: [0, 0, 0, 10],
  };
}

/** The party's acknowledgement on paper, besides the one made in the system. A new node each time: pdfmake marks up the nodes it lays out. */
const signatureLine = (): Content => ({
  columns: [
    { text: "被监督单位签字（盖章）：________________", width: "*" },
    { text: "日期：______年____月____日", width: "auto" },
  ],
  margin: [0, 16, 0, 0],
});

function footer(content: NoticeContent, verifyUrl: string): Content {
  return {
    columns: [
      {
        width: 110,
        stack: [
          { qr: verifyUrl, fit: 92, eccLevel: "M" },
          { text: "扫码核验真伪", fontSize: 8, color: "#555555", margin: [0, 4, 0, 0] },
        ],
      },
      {
        width: "*",
        alignment: "right",
        stack: [
          { text: `${content.authorityName}（盖章）`, fontSize: 12, margin: [0, 24, 0, 6] },
          { text: chineseDate(content.issuedOn), fontSize: 12 },
        ],
      },
    ],
    margin: [0, 24, 0, 0],
    unbreakable: true,
  };
}

function copyOf(content: NoticeContent, verifyUrl: string, copy: string | undefined, first: boolean): Content[] {
  const opinion = content.kind === "supervision_opinion";
  return [
    {
      text: content.authorityName,
      fontSize: 22,
      bold: true,
      color: RED,
      alignment: "center",
      characterSpacing: 2,
      ...(first ? {} : { pageBreak: "before" as const }),
    },
    { canvas: [{ type: "line", x1: 0, y1: 4, x2: 475, y2: 4, lineWidth: 1.5, lineColor: RED }], margin: [0, 0, 0, 14] },
    { text: content.title, fontSize: 20, bold: true, alignment: "center", characterSpacing: 4 },
    { text: content.number, fontSize: 11, alignment: "center", margin: [0, 6, 0, copy ? 2 : 16] },
    ...(copy ? [{ text: copy, fontSize: 9, alignment: "right" as const, color: "#555555", margin: [0, 0, 0, 10] as [number, number, number, number] }] : []),
    opinion ? partyBlock(content) : { text: `${content.addressee}：`, bold: true, margin: [0, 0, 0, 6] },
    ...(opinion ? [{ text: "监督意见：", bold: true, margin: [0, 0, 0, 4] as [number, number, number, number] }] : []),
    ...content.paragraphs.map(paragraph),
    { text: opinion ? "所涉隐患：" : "隐患清单：", bold: true, margin: [0, 6, 0, 0] },
    hazardTable(content),
    ...(opinion ? [signatureLine()] : []),
    footer(content, verifyUrl),
  ];
}

/** The notice's document definition: one copy, or each copy of a 卫生监督意见书 on pages of its own. */
export function noticeDocument(content: NoticeContent, verifyUrl: string): PdfDocument {
  const copies = content.copies.length > 0 ? content.copies : [undefined];
  return {
    info: { title: `${content.title} ${content.number}`, author: content.authorityName, subject: content.addressee },
    pageSize: "A4",
    pageMargins: [60, 50, 60, 50],
    defaultStyle: { fontSize: 11 },
    footer: { text: `${content.number}　第 {page} 页 / 共 {pages} 页`, alignment: "center", fontSize: 8, color: "#888888" },
    content: copies.flatMap((copy, index) => copyOf(content, verifyUrl, copy, index === 0)),
  };
}
