import { describe, expect, it } from "vitest";
import { chineseDate, latestDeadline, type NoticeHazardLine, type NoticeRequest, noticeContent, noticeProblem } from "./notices";

const line = (overrides: Partial<NoticeHazardLine> = {}): NoticeHazardLine => ({
  number: "兰考隐患〔2026〕0001",
  place: "配电间",
  category: "用电安全",
  description: "配电柜前堆放杂物",
  basis: "",
  grade: "一般隐患",
  deadline: "2026-06-30",
  responsiblePerson: "王科长",
  responsiblePhone: "",
  ...overrides,
});

const request = (overrides: Partial<NoticeRequest> = {}): NoticeRequest => ({
  kind: "rectification",
  requirements: "",
  legalRepresentative: "",
  address: "",
  phone: "",
  opinion: "",
  basis: "",
  deadline: null,
  ...overrides,
});

const facts = (hazards: NoticeHazardLine[]) => ({
  number: "兰卫安通〔2026〕第0001号",
  authorityName: "兰考县卫生健康委员会",
  issuedOn: "2026-06-10",
  institution: { name: "兰考县人民医院", address: "裕禄大道 1 号", contactPhone: "0371-26991234" },
  hazards,
});

describe("notice content", () => {
  it("writes dates as official documents do, and takes the latest of the hazards' deadlines", () => {
    expect(chineseDate("2026-06-05")).toBe("2026年6月5日");
    expect(latestDeadline([line({ deadline: "2026-06-30" }), line({ deadline: null }), line({ deadline: "2026-07-01" })])).toBe("2026-07-01");
    expect(latestDeadline([line({ deadline: null })])).toBeNull();
  });

  it("addresses a 整改通知书 to the institution, with the deadline by which all is done; on-the-spot hazards only ask for it at once", () => {
    const content = noticeContent(request({ requirements: "加强巡查" }), facts([line(), line({ deadline: "2026-07-15" })]));
    expect(content).toMatchObject({ title: "整改通知书", addressee: "兰考县人民医院", deadline: "2026-07-15", party: null, copies: [] });
    expect(content.paragraphs[0]).toContain("下列2项安全隐患");
    expect(content.paragraphs).toContain("整改要求：加强巡查");
    expect(content.paragraphs.at(-1)).toContain("请于2026年7月15日前完成全部整改");
    expect(noticeContent(request(), facts([line({ deadline: null })])).paragraphs.at(-1)).toMatch(/^请立即完成整改/);
  });

  it("gives a 卫生监督意见书 the party's details (the institution's unless given), the opinion with its legal basis, deadline and action, and two copies", () => {
    const content = noticeContent(
      request({ kind: "supervision_opinion", legalRepresentative: "张院长", opinion: "发现配电柜前堆放杂物。", phone: "13800001111" }),
      facts([line({ basis: "《消防法》第十六条" }), line({ basis: "《消防法》第十六条" }), line({ basis: "《消防法》第二十八条" })]),
    );
    expect(content.party).toEqual({ name: "兰考县人民医院", legalRepresentative: "张院长", address: "裕禄大道 1 号", phone: "13800001111" });
    expect(content.basis).toBe("《消防法》第十六条、《消防法》第二十八条");
    expect(content.paragraphs).toEqual([
      "发现配电柜前堆放杂物。",
      "依据《消防法》第十六条、《消防法》第二十八条，责令你单位于2026年6月30日前按上述意见完成整改，并将整改情况书面报告兰考县卫生健康委员会。",
    ]);
    expect(content.copies).toEqual(["第一联 监督机构存档", "第二联 交被监督单位"]);
  });
});

describe("what an issuer must give", () => {
  it("asks nothing more of a 整改通知书 than a deadline not before the day of issue", () => {
    expect(noticeProblem(request(), [line()], "2026-06-10")).toBeNull();
    expect(noticeProblem(request({ deadline: "2026-06-09" }), [line()], "2026-06-10")).toEqual({ field: "deadline", message: "整改期限：不能早于签发日期" });
  });

  it("asks of a 卫生监督意见书 the legal representative, the opinion, a legal basis and a deadline, naming each", () => {
    const opinion = request({ kind: "supervision_opinion", legalRepresentative: "张院长", opinion: "意见" });
    expect(noticeProblem({ ...opinion, legalRepresentative: "" }, [line()], "2026-06-10")?.field).toBe("legalRepresentative");
    expect(noticeProblem({ ...opinion, opinion: "" }, [line()], "2026-06-10")?.field).toBe("opinion");
    expect(noticeProblem(opinion, [line()], "2026-06-10")?.field).toBe("basis");
    expect(noticeProblem(opinion, [line({ basis: "《消防法》" })], "2026-06-10")).toBeNull();
    expect(noticeProblem({ ...opinion, basis: "《消防法》" }, [line({ deadline: null })], "2026-06-10")?.field).toBe("deadline");
    expect(noticeProblem({ ...opinion, basis: "《消防法》", deadline: "2026-06-20" }, [line({ deadline: null })], "2026-06-10")).toBeNull();
  });
});
