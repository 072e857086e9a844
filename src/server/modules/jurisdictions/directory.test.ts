import { describe, expect, it } from "vitest";
import { JurisdictionDirectory } from "./directory";

const directory = new JurisdictionDirectory();

describe("Henan jurisdiction reference data", () => {
  const province = directory.get("410000");
  const cities = directory.treeFor({ kind: "all" })[0]?.children ?? [];

  it("has the province with 17 cities, 济源示范区 and 郑州航空港区 under it", () => {
    expect(province?.name).toBe("河南省");
    expect(cities).toHaveLength(19);
    expect(cities.filter((c) => c.code.endsWith("00") && c.code !== "410000")).toHaveLength(17);
    expect(directory.get("419001")).toMatchObject({ name: "济源示范区", level: "city", parentCode: "410000", codeKind: "gb2260" });
  });

  it("marks 郑州航空港区 as having only a statistical code", () => {
    expect(directory.get("410173")).toMatchObject({ name: "郑州航空港区", parentCode: "410000", codeKind: "statistical" });
  });

  it("has about 157 county-level units and leaves out the statistical development zones", () => {
    const counties = directory.leavesUnder("410000").filter((j) => j.level === "county");
    expect(counties.length).toBe(156);
    expect(counties.some((j) => /^41\d{2}7\d$/.test(j.code))).toBe(false);
    // with 济源 (a county-level city administered by the province) that makes the 157 units of GB/T 2260
    expect(counties.length + 1).toBe(157);
  });

  it("gives every jurisdiction its health commission", () => {
    expect(directory.get("410225")?.authorityName).toBe("兰考县卫生健康委员会");
    expect(directory.trail("410225").map((j) => j.name)).toEqual(["河南省", "开封市", "兰考县"]);
  });

  it("shows a county user only its own county", () => {
    const county = directory.positionOf("410225");
    if (!county) throw new Error("missing");
    const tree = directory.treeFor({ kind: "jurisdiction", ...county });
    expect(tree.map((n) => n.code)).toEqual(["410225"]);
    expect(directory.treeFor({ kind: "institution", institutionId: "x", path: county.path })).toEqual([]);
  });

  it("places each jurisdiction in the tree for the scope predicate: the province as root, counties as leaves, cities between", () => {
    expect(directory.positionOf("410000")).toEqual({ code: "410000", path: "/410000/", position: "root" });
    expect(directory.positionOf("410200")?.position).toBe("branch");
    expect(directory.positionOf("410225")?.position).toBe("leaf");
    // 济源示范区 is a city-level unit without counties: institutions sit in it directly.
    expect(directory.positionOf("419001")?.position).toBe("leaf");
    expect(directory.positionOf("999999")).toBeUndefined();
  });
});
