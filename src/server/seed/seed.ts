import { count } from "drizzle-orm";
import type { Role } from "../../contracts/enums";
import type { InstitutionInput } from "../../contracts/institutions";
import { institutionValues } from "../../server/modules/institutions/save-institution";
import { JurisdictionDirectory } from "../../server/modules/jurisdictions/directory";
import { hashPassword } from "../../server/platform/auth/passwords";
import type { Db } from "../../server/platform/db";
import { appUser, institution } from "../schema";
import { generateInstitutions, HOSPITAL_GRADES, type InstitutionMix, randomSource } from "./generate-institutions";

/** Password of every demo account; printed at first start. Demo accounts skip the forced change. */
export const DEMO_PASSWORD = "Yian@2026";
export type SeedScale = "demo" | "province";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode?: string;
  /** Name of the seeded institution the account belongs to. */
  institutionName?: string;
}

const DEMO_CITY = "410200"; // 开封市
const COUNTY_A = "410225"; // 兰考县
const COUNTY_B = "410221"; // 杞县
const DEMO_HOSPITAL = "兰考县人民医院";

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "sysadmin", displayName: "系统管理员", role: "system_admin" },
  { username: "hn_admin", displayName: "省卫健委管理员", role: "authority_admin", jurisdictionCode: "410000" },
  { username: "hn_inspector", displayName: "省卫健委检查员", role: "authority_inspector", jurisdictionCode: "410000" },
  { username: "kf_admin", displayName: "开封市卫健委管理员", role: "authority_admin", jurisdictionCode: DEMO_CITY },
  { username: "kf_inspector", displayName: "开封市卫健委检查员", role: "authority_inspector", jurisdictionCode: DEMO_CITY },
  { username: "lk_admin", displayName: "兰考县卫健委管理员", role: "authority_admin", jurisdictionCode: COUNTY_A },
  { username: "lk_inspector", displayName: "兰考县卫健委检查员", role: "authority_inspector", jurisdictionCode: COUNTY_A },
  { username: "qx_admin", displayName: "杞县卫健委管理员", role: "authority_admin", jurisdictionCode: COUNTY_B },
  { username: "qx_inspector", displayName: "杞县卫健委检查员", role: "authority_inspector", jurisdictionCode: COUNTY_B },
  { username: "lkyy_admin", displayName: "兰考县人民医院管理员", role: "institution_admin", institutionName: DEMO_HOSPITAL },
  { username: "lkyy_staff", displayName: "兰考县人民医院保卫科", role: "institution_staff", institutionName: DEMO_HOSPITAL },
];

/** The demo: one city (开封) with every type and grade, about 300 institutions. */
const DEMO_MIX: InstitutionMix[] = [
  { type: "general_hospital", count: 16, grade: HOSPITAL_GRADES, privateShare: 0.35 },
  { type: "tcm_hospital", count: 6, grade: HOSPITAL_GRADES, privateShare: 0.2 },
  { type: "specialist_hospital", count: 8, grade: HOSPITAL_GRADES, privateShare: 0.6 },
  { type: "township_health_center", count: 30, grade: { grade1: 85, grade2: 10, ungraded: 5 }, privateShare: 0 },
  { type: "community_health_center", count: 8, grade: { grade1: 80, ungraded: 20 }, privateShare: 0.1 },
  { type: "community_health_station", count: 12, grade: { ungraded: 1 }, privateShare: 0.3 },
  { type: "village_clinic", count: 160, grade: { ungraded: 1 }, privateShare: 0.3 },
  { type: "cdc", count: 9, grade: { ungraded: 1 }, privateShare: 0 },
  { type: "maternal_child_health", count: 9, grade: { grade3: 10, grade2: 60, grade1: 30 }, privateShare: 0 },
  { type: "childcare", count: 14, grade: { ungraded: 1 }, privateShare: 0.7 },
  { type: "elderly_care", count: 10, grade: { ungraded: 1 }, privateShare: 0.5 },
  { type: "public_place", count: 20, grade: { ungraded: 1 }, privateShare: 0.95 },
];

/** Province scale (issue #2): ~80,000 institutions, 55,000 village clinics, 2,000 township centres, 2,300 hospitals. */
const PROVINCE_MIX: InstitutionMix[] = [
  { type: "general_hospital", count: 1300, grade: HOSPITAL_GRADES, privateShare: 0.45 },
  { type: "tcm_hospital", count: 450, grade: HOSPITAL_GRADES, privateShare: 0.3 },
  { type: "specialist_hospital", count: 550, grade: HOSPITAL_GRADES, privateShare: 0.65 },
  { type: "township_health_center", count: 2000, grade: { grade1: 85, grade2: 10, ungraded: 5 }, privateShare: 0 },
  { type: "community_health_center", count: 600, grade: { grade1: 80, ungraded: 20 }, privateShare: 0.1 },
  { type: "community_health_station", count: 1800, grade: { ungraded: 1 }, privateShare: 0.3 },
  { type: "village_clinic", count: 55_000, grade: { ungraded: 1 }, privateShare: 0.3 },
  { type: "cdc", count: 180, grade: { ungraded: 1 }, privateShare: 0 },
  { type: "maternal_child_health", count: 160, grade: { grade3: 10, grade2: 60, grade1: 30 }, privateShare: 0 },
  { type: "childcare", count: 8000, grade: { ungraded: 1 }, privateShare: 0.7 },
  { type: "elderly_care", count: 1500, grade: { ungraded: 1 }, privateShare: 0.5 },
  { type: "public_place", count: 8460, grade: { ungraded: 1 }, privateShare: 0.95 },
];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(institution);
  return (row?.n ?? 0) === 0;
}

async function insertInstitutions(db: Db, directory: JurisdictionDirectory, rows: InstitutionInput[]) {
  const BATCH = 1000;
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insert(institution).values(rows.slice(i, i + BATCH).map((row) => institutionValues(directory, row)));
  }
}

/**
 * Loads the demo (or province-scale) data into an empty database: institutions, a recognisable
 * hospital for the institution accounts, and one account of every role at every level.
 */
export async function seed(db: Db, scale: SeedScale): Promise<DemoAccount[]> {
  const directory = new JurisdictionDirectory();
  const random = randomSource(scale === "demo" ? 2026 : 410000);
  const counties = directory.leavesUnder(scale === "demo" ? DEMO_CITY : "410000");
  const rows = generateInstitutions(counties, scale === "demo" ? DEMO_MIX : PROVINCE_MIX, random);
  // A few named hospitals the demo accounts and tests can rely on.
  const lankao = directory.get(COUNTY_A);
  const qixian = directory.get(COUNTY_B);
  if (!lankao || !qixian) throw new Error("reference data lacks the demo counties");
  const namedHospital = (county: typeof lankao, name: string, serial: number) => {
    const [row] = generateInstitutions([county], [{ type: "general_hospital", count: 1, grade: { grade2: 1 }, privateShare: 0 }], random, serial);
    return { ...(row as InstitutionInput), name };
  };
  rows.push({ ...namedHospital(lankao, DEMO_HOSPITAL, rows.length + 1), beds: 1200, onDutyMedicalStaff: 1500, dailyOutpatientVisits: 4200, securityStaff: 40 });
  rows.push(namedHospital(qixian, "杞县人民医院", rows.length + 1));
  markProvincialDirect(rows, directory, scale === "demo" ? DEMO_CITY : "410100");
  await insertInstitutions(db, directory, rows);

  const hospitals = await db.select({ id: institution.id, name: institution.name }).from(institution);
  const idByName = new Map(hospitals.filter((h) => h.name === DEMO_HOSPITAL).map((h) => [h.name, h.id]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.insert(appUser).values(
    DEMO_ACCOUNTS.map((account) => ({
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      jurisdictionCode: account.jurisdictionCode ?? null,
      institutionId: account.institutionName ? (idByName.get(account.institutionName) ?? null) : null,
      passwordHash,
      mustChangePassword: false,
    })),
  );
  return DEMO_ACCOUNTS;
}

/** 省直: province-level hospitals sit in a city (郑州 for the province); mark its public 三级 general hospitals. */
function markProvincialDirect(rows: InstitutionInput[], directory: JurisdictionDirectory, cityCode: string) {
  const city = directory.get(cityCode);
  for (const row of rows) {
    const j = directory.get(row.jurisdictionCode);
    if (city && j?.path.startsWith(city.path) && row.type === "general_hospital" && row.grade === "grade3" && row.ownership === "public")
      row.provincialDirect = true;
  }
}
