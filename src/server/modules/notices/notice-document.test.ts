import { describe, expect, it } from "vitest";
import { type NoticeRequest, noticeContent } from "../../../domain/notices";
import { noticeDocument } from "./notice-document";

const hazard = {
  number: "兰考隐患〔2026〕0123",
  place: "门诊楼配电间",
  category: "用电安全",
  description: "配电柜前堆放纸箱",
  basis: "《消防法》第十六条",
  grade: "一般隐患",
  deadline: "2026-06-30",
  responsiblePerson: "王科长",
  responsiblePhone: "13800001111",
};
const facts = {
  number: "兰卫安通〔2026〕第0001号",
  authorityName: "兰考县卫生健康委员会",
  issuedOn: "2026-06-10",
  institution: { name: "兰考县人民医院", address: "", contactPhone: "" },
  hazards: [hazard],
};
const base: NoticeRequest = {
  kind: "rectification",
  requirements: "",
  legalRepresentative: "",
  address: "",
  phone: "",
  opinion: "",
  basis: "",
  deadline: null,
};
const URL = "https://yian.example.cn/verify/AbCdEfGhIjKlMnOpQrStUv";

/** Every string the layout prints, and every QR code it draws, in order. */
function walk(node: unknown, found: { texts: string[]; qrs: string[]; pageBreaks: number }) {
  if (typeof node === "string") found.texts.push(node);
  else if (Array.isArray(node)) for (const child of node) walk(child, found);
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (typeof record.qr === "string") found.qrs.push(record.qr);
    if (record.pageBreak === "before") found.pageBreaks += 1;
    for (const key of ["text", "stack", "columns", "table", "body"]) if (key in record) walk(record[key], found);
  }
  return found;
}

describe("the printed notice", () => {
  it("prints the masthead, title, number, addressee, hazards, agency and date, and a QR code of the verification address", () => {
    const printed = walk(noticeDocument(noticeContent(base, facts), URL).content, { texts: [], qrs: [], pageBreaks: 0 });
    expect(printed.texts).toEqual(
      expect.arrayContaining([
        "兰考县卫生健康委员会",
        "整改通知书",
        "兰卫安通〔2026〕第0001号",
        "兰考县人民医院：",
        "兰考隐患〔2026〕0123",
        "门诊楼配电间",
        "【一般隐患·用电安全】配电柜前堆放纸箱",
        "《消防法》第十六条",
        "2026年6月30日",
        "王科长",
        "兰考县卫生健康委员会（盖章）",
        "2026年6月10日",
      ]),
    );
    expect(printed.qrs).toEqual([URL]);
    expect(printed.pageBreaks).toBe(0);
  });

  it("prints a 卫生监督意见书 twice, each copy named, with the party's details and the signature line", () => {
    const content = noticeContent({ ...base, kind: "supervision_opinion", legalRepresentative: "张院长", opinion: "发现问题。" }, facts);
    const printed = walk(noticeDocument(content, URL).content, { texts: [], qrs: [], pageBreaks: 0 });
    expect(printed.pageBreaks).toBe(1);
    expect(printed.qrs).toEqual([URL, URL]);
    expect(printed.texts).toEqual(
      expect.arrayContaining(["第一联 监督机构存档", "第二联 交被监督单位", "法定代表人（负责人）", "张院长", "被监督单位签字（盖章）：________________"]),
    );
  });

  it("builds each copy from nodes of its own: pdfmake marks up a node as it lays it out, and a shared one prints once", () => {
    const content = noticeContent({ ...base, kind: "supervision_opinion", legalRepresentative: "张院长", opinion: "发现问题。" }, facts);
    const nodes = noticeDocument(content, URL).content as object[];
    const second = nodes.findIndex((node) => (node as { pageBreak?: string }).pageBreak === "before");
    const objectsOf = (part: object[]) => {
      const seen = new Set<object>();
      const visit = (value: unknown) => {
        if (!value || typeof value !== "object" || seen.has(value)) return;
        seen.add(value);
        for (const child of Object.values(value)) visit(child);
      };
      visit(part);
      return seen;
    };
    const firstCopy = objectsOf(nodes.slice(0, second));
    expect(second).toBeGreaterThan(0);
    expect([...objectsOf(nodes.slice(second))].filter((node) => firstCopy.has(node))).toEqual([]);
  });
});
