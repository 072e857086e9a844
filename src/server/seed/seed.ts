import { count } from "drizzle-orm";
import type { Role } from "../../contracts/enums";
import type { InstitutionInput } from "../../contracts/institutions";
import { appUser, institution } from "../../db/schema";
import { institutionValues } from "../modules/institutions/save-institution";
import { JurisdictionDirectory } from "../modules/jurisdictions/directory";
import { hashPassword } from "../platform/auth/passwords";
import { systemClock } from "../platform/clock";
import type { Db } from "../platform/db";
import type { FileStore } from "../platform/files/file-store";
import { seedDemoCampaigns } from "./demo-campaigns";
import { seedDemoChecklist } from "./demo-checklist";
import { seedDemoHazards } from "./demo-hazards";
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

const UNGRADED = { ungraded: 1 };
const TOWNSHIP_GRADES = { grade1: 85, grade2: 10, ungraded: 5 };

/**
 * Province scale: ~80,000 institutions in Henan's proportions (shared/regulations.md "Scale of
 * Henan": 56,000 village clinics, 2,000 township centres, 1,600 hospitals, 160 MCH, 180 CDCs),
 * with the clinics, outpatient departments and other kinds of 实施细则 第三条.
 */
const PROVINCE_MIX: InstitutionMix[] = [
  { type: "general_hospital", count: 1150, grade: HOSPITAL_GRADES, privateShare: 0.45 },
  { type: "tcm_hospital", count: 380, grade: HOSPITAL_GRADES, privateShare: 0.3 },
  { type: "integrated_hospital", count: 70, grade: HOSPITAL_GRADES, privateShare: 0.5 },
  { type: "ethnic_hospital", count: 3, grade: HOSPITAL_GRADES, privateShare: 0.3 },
  { type: "specialist_hospital", count: 480, grade: HOSPITAL_GRADES, privateShare: 0.65 },
  { type: "rehabilitation_hospital", count: 60, grade: HOSPITAL_GRADES, privateShare: 0.6 },
  { type: "nursing_home", count: 40, grade: UNGRADED, privateShare: 0.8 },
  { type: "community_health_center", count: 600, grade: { grade1: 80, ungraded: 20 }, privateShare: 0.1 },
  { type: "community_health_station", count: 1700, grade: UNGRADED, privateShare: 0.3 },
  { type: "central_health_center", count: 400, grade: TOWNSHIP_GRADES, privateShare: 0 },
  { type: "township_health_center", count: 1600, grade: TOWNSHIP_GRADES, privateShare: 0 },
  { type: "street_health_center", count: 20, grade: UNGRADED, privateShare: 0 },
  { type: "outpatient_department", count: 600, grade: UNGRADED, privateShare: 0.9 },
  { type: "clinic", count: 8000, grade: UNGRADED, privateShare: 0.95 },
  { type: "infirmary", count: 1200, grade: UNGRADED, privateShare: 0.2 },
  { type: "village_clinic", count: 54_000, grade: UNGRADED, privateShare: 0.3 },
  { type: "nursing_station", count: 50, grade: UNGRADED, privateShare: 0.9 },
  { type: "cdc", count: 180, grade: UNGRADED, privateShare: 0 },
  { type: "maternal_child_health", count: 160, grade: { grade3: 10, grade2: 60, grade1: 30 }, privateShare: 0 },
  { type: "specialist_disease_prevention", count: 60, grade: UNGRADED, privateShare: 0 },
  { type: "emergency_center", count: 30, grade: UNGRADED, privateShare: 0 },
  { type: "blood_station", count: 20, grade: UNGRADED, privateShare: 0 },
  { type: "sanatorium", count: 10, grade: UNGRADED, privateShare: 0.2 },
  { type: "clinical_lab_center", count: 18, grade: UNGRADED, privateShare: 0 },
  { type: "independent_medical_center", count: 100, grade: UNGRADED, privateShare: 0.9 },
  { type: "other_medical", count: 20, grade: UNGRADED, privateShare: 0.5 },
  { type: "childcare", count: 3500, grade: UNGRADED, privateShare: 0.7 },
  { type: "elderly_care", count: 1200, grade: UNGRADED, privateShare: 0.5 },
  { type: "public_place", count: 4400, grade: UNGRADED, privateShare: 0.95 },
];

/** A handful of institutions for each city outside the demo's, spread over its counties. */
const ELSEWHERE_MIX: InstitutionMix[] = [
  { type: "general_hospital", count: 3, grade: { grade3: 1, grade2: 2 }, privateShare: 0.3 },
  { type: "tcm_hospital", count: 1, grade: { grade2: 1 }, privateShare: 0 },
  { type: "maternal_child_health", count: 1, grade: { grade2: 1 }, privateShare: 0 },
  { type: "township_health_center", count: 2, grade: TOWNSHIP_GRADES, privateShare: 0 },
  { type: "village_clinic", count: 4, grade: UNGRADED, privateShare: 0.3 },
  { type: "clinic", count: 2, grade: UNGRADED, privateShare: 0.9 },
];

/** The demo: one city (开封, 10 counties), every kind at roughly the province's shares, about 300 institutions. */
const DEMO_MIX: InstitutionMix[] = PROVINCE_MIX.map((kind) => ({
  ...kind,
  // Many more hospitals than the share gives, so every grade shows; a few of every rare kind.
  count: Math.max(kind.type === "general_hospital" ? 16 : 2, Math.round(kind.count / 300)),
}));

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
 * hospital for the institution accounts, and one account of every role at every level; the demo
 * also gets its hospital's hazards, a city checklist and the county's campaigns (with photos, hence
 * the file store).
 */
export async function seed({ db, files }: { db: Db; files: FileStore }, scale: SeedScale): Promise<DemoAccount[]> {
  const directory = new JurisdictionDirectory();
  const random = randomSource(scale === "demo" ? 2026 : 410000);
  const counties = directory.leavesUnder(scale === "demo" ? DEMO_CITY : "410000");
  const rows = generateInstitutions(counties, scale === "demo" ? DEMO_MIX : PROVINCE_MIX, random);
  if (scale === "demo") {
    // Every other city gets a few institutions too, so the province's home has something to compare.
    for (const city of directory.children("410000").filter((c) => c.code !== DEMO_CITY)) {
      rows.push(...generateInstitutions(directory.leavesUnder(city.code), ELSEWHERE_MIX, random, rows.length + 1));
    }
  }
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

  const hospitals = await db.select({ id: institution.id, name: institution.name, path: institution.jurisdictionPath }).from(institution);
  const byName = new Map(hospitals.filter((h) => h.name === DEMO_HOSPITAL).map((h) => [h.name, h]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.insert(appUser).values(
    DEMO_ACCOUNTS.map((account) => {
      const own = account.institutionName ? byName.get(account.institutionName) : undefined;
      return {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        jurisdictionCode: account.jurisdictionCode ?? null,
        institutionId: own?.id ?? null,
        jurisdictionPath: own?.path ?? (account.jurisdictionCode ? (directory.get(account.jurisdictionCode)?.path ?? null) : null),
        passwordHash,
        mustChangePassword: false,
      };
    }),
  );
  if (scale === "demo") {
    const hospital = hospitals.find((one) => one.name === DEMO_HOSPITAL);
    if (!hospital) throw new Error(`demo hospital ${DEMO_HOSPITAL} is missing`);
    await seedDemoHazards(db, directory, hospital.id);
    await seedDemoChecklist(db, DEMO_CITY);
    await seedDemoCampaigns({ db, directory, clock: systemClock, files }, COUNTY_A, hospital.id);
  }
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
