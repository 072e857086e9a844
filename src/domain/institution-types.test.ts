import { describe, expect, it } from "vitest";
import { groupOfType, INSTITUTION_TYPE_CATALOGUE, INSTITUTION_TYPES, type InstitutionType, typesOfGroup } from "./institution-types";

describe("institution types (医疗机构管理条例实施细则 第三条, plus the supervised non-medical places)", () => {
  it("has every kind of 第三条 the registers hold", () => {
    const labels = Object.values(INSTITUTION_TYPES);
    for (const kind of [
      "综合医院",
      "中医医院",
      "中西医结合医院",
      "民族医医院",
      "专科医院",
      "康复医院",
      "妇幼保健院",
      "社区卫生服务中心",
      "社区卫生服务站",
      "中心卫生院",
      "乡镇卫生院",
      "街道卫生院",
      "疗养院",
      "门诊部",
      "诊所",
      "卫生所/医务室/卫生站",
      "村卫生室",
      "急救中心（站）",
      "临床检验中心",
      "专科疾病防治机构",
      "护理院",
      "护理站",
      "血站",
      "疾病预防控制中心",
      "托育机构",
      "医养结合机构",
      "公共场所",
    ]) {
      expect(labels).toContain(kind);
    }
  });

  it("puts every type in exactly one of the four categories", () => {
    const all = Object.keys(INSTITUTION_TYPE_CATALOGUE) as InstitutionType[];
    const grouped = (["hospital", "primary", "public_health", "other"] as const).flatMap(typesOfGroup);
    expect(grouped.sort()).toEqual([...all].sort());
  });

  it("groups as the national health statistics do", () => {
    expect(groupOfType("nursing_home")).toBe("hospital");
    expect(groupOfType("village_clinic")).toBe("primary");
    expect(groupOfType("clinic")).toBe("primary");
    expect(groupOfType("cdc")).toBe("public_health");
    expect(groupOfType("blood_station")).toBe("public_health");
    expect(groupOfType("childcare")).toBe("other");
  });
});
