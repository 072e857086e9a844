import { describe, expect, it } from "vitest";
import type { JurisdictionRecord } from "../../../contracts/jurisdictions";
import { JurisdictionDirectory } from "./directory";
import { findCounty } from "./find-county";

const henan = new JurisdictionDirectory();

const county = (result: ReturnType<typeof findCounty>) => ("county" in result ? result.county.code : result.problem);

describe("finding a county by the name a spreadsheet gives", () => {
  it("reads a county's name, with its city in the same cell or not", () => {
    expect(county(findCounty(henan, "兰考县"))).toBe("410225");
    expect(county(findCounty(henan, "开封市兰考县"))).toBe("410225");
    expect(county(findCounty(henan, "开封市 / 兰考县"))).toBe("410225");
    expect(county(findCounty(henan, " 开封 兰考县 "))).toBe("410225");
    expect(county(findCounty(henan, "兰考县", "开封市"))).toBe("410225");
    expect(county(findCounty(henan, "济源示范区"))).toBe("419001");
  });

  it("says what is wrong with a name that is no county", () => {
    expect(county(findCounty(henan, "开封市"))).toBe("「开封市」不是县（市、区）级行政区划，请填写所在县（市、区）");
    expect(county(findCounty(henan, "兰考"))).toBe("找不到名为「兰考」的县（市、区）");
    expect(county(findCounty(henan, "兰考县", "郑州市"))).toBe("在「郑州市」下找不到「兰考县」");
  });

  it("asks for the city when two cities have a county of that name", () => {
    const records: JurisdictionRecord[] = [
      { code: "410000", name: "河南省", level: "province", parentCode: null, codeKind: "gb2260", authorityName: "河南省卫生健康委员会" },
      { code: "410200", name: "开封市", level: "city", parentCode: "410000", codeKind: "gb2260", authorityName: "开封市卫生健康委员会" },
      { code: "410204", name: "鼓楼区", level: "county", parentCode: "410200", codeKind: "gb2260", authorityName: "鼓楼区卫生健康委员会" },
      { code: "410300", name: "洛阳市", level: "city", parentCode: "410000", codeKind: "gb2260", authorityName: "洛阳市卫生健康委员会" },
      { code: "410399", name: "鼓楼区", level: "county", parentCode: "410300", codeKind: "gb2260", authorityName: "鼓楼区卫生健康委员会" },
    ];
    const directory = new JurisdictionDirectory(records);
    expect(county(findCounty(directory, "鼓楼区"))).toBe(
      "「鼓楼区」有多个同名区划（开封市鼓楼区、洛阳市鼓楼区），请同时填写所在市，或写成“开封市鼓楼区”的形式",
    );
    expect(county(findCounty(directory, "鼓楼区", "洛阳"))).toBe("410399");
    expect(county(findCounty(directory, "开封市鼓楼区"))).toBe("410204");
  });
});
