import { randomUUID } from "node:crypto";
import dayjs from "dayjs";
import { and, asc, eq } from "drizzle-orm";
import sharp from "sharp";
import type { z } from "zod";
import { CampaignCreateBody } from "../../contracts/campaigns";
import type { ChecklistContent } from "../../contracts/checklists";
import { DrawBody, ExpertBody, GroupMembersBody } from "../../contracts/draws";
import { InspectionSubmitBody } from "../../contracts/inspections";
import { HOSPITAL_SECURITY } from "../../db/reference/checklists/hospital-security";
import { SAFETY_SUPERVISION } from "../../db/reference/checklists/safety-supervision";
import { campaignAssignment, institution } from "../../db/schema";
import { typesOfGroup } from "../../domain/institution-types";
import { cadenceOf } from "../../domain/quarterly-cadence";
import type { AppDeps } from "../deps";
import { createCampaign } from "../modules/campaigns/create-campaign";
import { makeDueFollowUpLists } from "../modules/campaigns/follow-up";
import { currentVersions, readerOf } from "../modules/checklists/queries";
import { publishDraw, runCampaignDraw } from "../modules/draws/draws";
import { createExpert } from "../modules/draws/experts";
import { createGroup, setGroupMembers, spreadGroups } from "../modules/draws/groups";
import { uploadFile } from "../modules/files/upload-file";
import { submitInspection } from "../modules/inspections/submit-inspection";
import type { UserActor } from "../platform/access";
import { demoActor } from "./demo-actor";
import { HOLIDAY_CHECKLIST_NAME } from "./demo-checklist";

type Deps = Pick<AppDeps, "db" | "directory" | "clock" | "files">;
type HazardInput = z.input<typeof InspectionSubmitBody>["hazards"] extends (infer H)[] | undefined ? H : never;

/** The county's expert pool: one works in a county hospital and one declared a conflict, so the draw has someone to keep away. */
const EXPERTS: Pick<ExpertBody, "name" | "unit" | "speciality" | "phone">[] = [
  { name: "赵国栋", unit: "兰考县消防救援大队", speciality: "消防安全", phone: "13903781001" },
  { name: "钱丽华", unit: "开封市特种设备检验所", speciality: "特种设备、电气安全", phone: "13903781002" },
  { name: "孙建明", unit: "兰考县人民医院", speciality: "医疗质量安全", phone: "13903781003" },
  { name: "李秀英", unit: "兰考县疾病预防控制中心", speciality: "危险化学品、实验室安全", phone: "13903781004" },
];

/** What the inspectors found at the first institutions they visited, by checklist item (the item's category and basis go with it). */
const FINDINGS: Record<string, { place: string; description: string; remedy: string }> = {
  control_room: {
    place: "门诊楼一层消防控制室",
    description: "消防控制室夜间仅一人值班，近两周值班记录未填写",
    remedy: "立即落实双人持证值班，补全值班记录",
  },
  electricity: {
    place: "住院部二层护士站",
    description: "护士站使用多个插线板串接，为电热水壶和取暖器供电",
    remedy: "拆除串接插线板，禁止使用大功率电器",
  },
  gas: {
    place: "职工食堂操作间",
    description: "燃气报警器未与切断阀联动，软管老化开裂",
    remedy: "更换燃气软管，调试报警联动",
  },
};

/** A site photo of the demo: a door, a floor and a red sign, so the galleries, thumbnails and the PDF have a real JPEG to show. */
function sitePhoto(shade: number): Promise<Buffer> {
  const wall = ["#d8d2c4", "#cfd8dc", "#e0d7c6", "#d7ccc8"][shade % 4];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
    <rect width="1200" height="900" fill="${wall}"/>
    <rect x="420" y="170" width="360" height="570" fill="#6d7b84"/>
    <rect x="700" y="440" width="40" height="16" fill="#c9ced1"/>
    <rect y="740" width="1200" height="160" fill="#9e9a8f"/>
    <rect x="900" y="250" width="120" height="80" fill="#2e7d32"/>
    <circle cx="200" cy="560" r="60" fill="#c62828"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/** The representative's signature as the phone's pad draws it: strokes on a transparent PNG. */
function signature(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="160">
    <path d="M30 110 C 60 30, 90 30, 110 100 S 160 140, 190 60 M210 120 L 240 40 L 270 120 M300 60 C 340 20, 380 140, 440 70"
      fill="none" stroke="#1a1a1a" stroke-width="5" stroke-linecap="round"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function upload(deps: Deps, actor: UserActor, bytes: Buffer, fileName: string): Promise<string> {
  return (await uploadFile(deps, actor, { fileName, bytes })).id;
}

/** The current version of a template as the caller's campaign picker or self-inspection form offers it, by name. */
async function offeredVersion(deps: Deps, actor: UserActor, name: string) {
  const found = (await currentVersions(deps.db, readerOf(actor))).find((one) => one.name === name);
  if (!found) throw new Error(`the demo checklist ${name} is not offered to ${actor.user.username}`);
  return { id: found.versionId, content: found.content as ChecklistContent };
}

/**
 * An inspection as the phone form sends it: every item answered (符合, or 不符合 for the items
 * found wanting, each then a hazard of the institution), a photo wherever the item asks for one.
 */
async function inspectionBody(
  deps: Deps,
  actor: UserActor,
  at: { campaignId: string | null; institutionId: string; version: { id: string; content: ChecklistContent }; inspectedOn: string },
  people: { inspectors: { name: string; unit: string }[]; representative: string },
  found: string[],
) {
  let photos = 0;
  const photo = async () => [await upload(deps, actor, await sitePhoto(photos++), `现场照片${photos}.jpg`)];
  const answers = [];
  const hazards: HazardInput[] = [];
  for (const section of at.version.content.sections) {
    for (const item of section.items) {
      const finding = FINDINGS[item.key];
      const wanting = finding !== undefined && found.includes(item.key);
      const photoIds = item.photoRequired || wanting ? await photo() : [];
      answers.push({ itemKey: item.key, result: wanting ? "non_compliant" : "compliant", note: wanting ? finding.description : "", photoIds });
      if (wanting)
        hazards.push({
          id: randomUUID(),
          itemKey: item.key,
          place: finding.place,
          category: item.category,
          description: finding.description,
          basis: item.basis,
          grade: "general",
          handling: "by_deadline",
          deadline: dayjs(at.inspectedOn).add(20, "day").format("YYYY-MM-DD"),
          responsiblePerson: `${people.representative}（院长）`,
          photoIds,
        });
    }
  }
  return InspectionSubmitBody.parse({
    id: randomUUID(),
    campaignId: at.campaignId,
    institutionId: at.institutionId,
    checklistVersionId: at.version.id,
    inspectedOn: at.inspectedOn,
    startedAt: dayjs(`${at.inspectedOn}T09:00:00+08:00`).toISOString(),
    finishedAt: dayjs(`${at.inspectedOn}T11:30:00+08:00`).toISOString(),
    place: "门诊楼、住院部、消防控制室、配电间、食堂",
    inspectors: people.inspectors,
    answers,
    remarks: hazards.length > 0 ? `发现隐患 ${hazards.length} 处，已当场反馈，要求限期整改` : "安全管理制度健全，现场检查未发现问题",
    onSiteOpinions: hazards.map((one) => FINDINGS[one.itemKey ?? ""]?.remedy).join("；"),
    representativeName: people.representative,
    acknowledgedAt: dayjs(`${at.inspectedOn}T11:40:00+08:00`).toISOString(),
    signatureId: await upload(deps, actor, await signature(), "签名.png"),
    hazards,
  });
}

/**
 * The county's campaigns of the demo, made by the same use cases as the API (audit records
 * included), so `npm start` shows issue 8's pages with something in them:
 *
 * - the city's 季度督导检查 over its default scope (its 二级 institutions, the demo hospital among them);
 * - 兰考's expert pool, and this quarter's 季度督导检查 over the coverage rule's default scope (the
 *   county's 一级 institutions, seed 003) with a working group of the county's inspector and two
 *   experts spread over it; four institutions inspected in the first round, two with hazards (one
 *   with its rectification notice issued on the spot), and the 回头看 list once the first round ends;
 * - an unannounced (四不两直) 节前检查 by 双随机 draw from the county's hospitals with the city's
 *   holiday checklist, drawn before a witness and published (一公开);
 * - a self-inspection (自查) of the demo hospital with the 医院安全秩序 checklist.
 */
export async function seedDemoCampaigns(deps: Deps, countyCode: string, hospitalId: string) {
  const { db, clock } = deps;
  const today = clock.today();
  const admin = await demoActor(db, deps.directory, "lk_admin");
  const inspector = await demoActor(db, deps.directory, "lk_inspector");
  const hospitalAdmin = await demoActor(db, deps.directory, "lkyy_admin");
  const safety = await offeredVersion(deps, admin, SAFETY_SUPERVISION.name);
  const security = await offeredVersion(deps, hospitalAdmin, HOSPITAL_SECURITY.name);
  const holiday = await offeredVersion(deps, admin, HOLIDAY_CHECKLIST_NAME);

  const [other] = await db
    .select({ id: institution.id })
    .from(institution)
    .where(and(eq(institution.jurisdictionCode, countyCode), eq(institution.grade, "grade1")))
    .orderBy(asc(institution.name))
    .limit(1);
  const experts = [];
  for (const [index, one] of EXPERTS.entries())
    experts.push(
      await createExpert(
        db,
        admin,
        ExpertBody.parse({
          ...one,
          institutionId: one.unit === "兰考县人民医院" ? hospitalId : "",
          conflictInstitutionIds: index === 3 && other ? [other.id] : [],
          conflictNote: index === 3 ? "配偶在申报回避的机构任职" : "",
          active: true,
        }),
      ),
    );

  const { firstRound } = cadenceOf(today);
  const quarterOf = (authority: UserActor) =>
    createCampaign(
      deps,
      authority,
      CampaignCreateBody.parse({
        name: `${today.slice(0, 4)}年第${"一二三四"[Math.floor(dayjs(today).month() / 3)]}季度安全生产督导检查`,
        kind: "quarterly",
        periodStart: firstRound.start,
        periodEnd: firstRound.end,
        checklistVersionIds: [safety.id],
        scope: { kind: "coverage", jurisdictionCodes: [authority.user.jurisdictionCode ?? ""] },
      }),
    );
  // The city's covers its 二级 institutions, the demo hospital among them: its account sees the assignment.
  await quarterOf(await demoActor(db, deps.directory, "kf_admin"));
  const quarterly = await quarterOf(admin);
  const group = await createGroup(db, admin, quarterly.id, { name: "第一工作组" });
  await setGroupMembers(
    db,
    admin,
    group.id,
    GroupMembersBody.parse({
      members: [
        { kind: "user", id: inspector.user.id, role: "leader", leader: true },
        { kind: "expert", id: experts[0]?.id, role: "expert", leader: false },
        { kind: "expert", id: experts[1]?.id, role: "expert", leader: false },
      ],
    }),
  );
  await spreadGroups(db, admin, quarterly.id, { onlyUnassigned: true, seed: "demo" });

  const visited = await db
    .select({ institutionId: campaignAssignment.institutionId })
    .from(campaignAssignment)
    .innerJoin(institution, eq(institution.id, campaignAssignment.institutionId))
    .where(and(eq(campaignAssignment.campaignId, quarterly.id), eq(institution.status, "active")))
    .orderBy(asc(institution.name))
    .limit(4);
  const lastDay = firstRound.end < today ? firstRound.end : today;
  const people = {
    inspectors: [
      { name: inspector.user.displayName, unit: "兰考县卫生健康委员会" },
      { name: EXPERTS[0]?.name ?? "", unit: EXPERTS[0]?.unit ?? "" },
      { name: EXPERTS[1]?.name ?? "", unit: EXPERTS[1]?.unit ?? "" },
    ],
    representative: "王志刚",
  };
  for (const [index, { institutionId }] of visited.entries()) {
    const day = dayjs(lastDay).subtract(3 * (visited.length - 1 - index), "day");
    const inspectedOn = (day.isBefore(firstRound.start) ? dayjs(firstRound.start) : day).format("YYYY-MM-DD");
    const found = [["control_room", "electricity"], [], ["gas"], []][index] ?? [];
    const body = await inspectionBody(deps, inspector, { campaignId: quarterly.id, institutionId, version: safety, inspectedOn }, people, found);
    const withNotice =
      index === 0 ? { issueNotice: { kind: "rectification" as const, requirements: "请于整改期限内完成整改，并上传整改前后对照照片", deadline: null } } : {};
    await submitInspection(deps, inspector, InspectionSubmitBody.parse({ ...body, ...withNotice }), "supervision");
  }
  // What the daily job does once the first round has ended.
  await makeDueFollowUpLists(db, today);

  const holidayCheck = await createCampaign(
    deps,
    admin,
    CampaignCreateBody.parse({
      name: `${dayjs(today).format("YYYY年M月")}节前安全检查`,
      kind: "holiday",
      periodStart: today,
      periodEnd: dayjs(today).add(20, "day").format("YYYY-MM-DD"),
      checklistVersionIds: [holiday.id],
      unannounced: true,
      selection: "draw",
      scope: { kind: "filter", jurisdictionCodes: [countyCode], types: typesOfGroup("hospital") },
    }),
  );
  const draw = await runCampaignDraw(
    deps,
    admin,
    holidayCheck.id,
    DrawBody.parse({ quantity: { kind: "count", count: 3 }, inspectorsPerInstitution: 2, witness: "兰考县纪委监委派驻纪检组 刘明" }),
  );
  await publishDraw(db, admin, draw.id);

  const selfCheck = await inspectionBody(
    deps,
    hospitalAdmin,
    { campaignId: null, institutionId: hospitalId, version: security, inspectedOn: today },
    { inspectors: [{ name: "保卫科 张卫东", unit: "兰考县人民医院" }], representative: "刘志强" },
    [],
  );
  await submitInspection(deps, hospitalAdmin, selfCheck, "self");
}
