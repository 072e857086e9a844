import { randomUUID } from "node:crypto";
import { asc, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { RecordKind } from "../contracts/validation";
import { appUser, campaignDraw, checklist, dataImport, expert, hazard, inspection, institution, notice, workingGroup } from "../db/schema";
import {
  type Agent,
  areaPicker,
  makeCampaign,
  makeChecklistVersion,
  makeInstitution,
  makeUser,
  multipartFile,
  setUpTestApp,
  signedIn,
  TEST_CHECKLIST,
} from "../test/harness";
import { type Operation, operationsOf, responseText, urlOf } from "../test/openapi";
import { testPhoto, uploadTestFile } from "../test/photos";
import { editableValues } from "./modules/institutions/save-institution";

/**
 * One generated spec for every route of the OpenAPI document (Documenso's isolation specs, generated):
 * users of one county, and of one institution, call each route with the ids, filters and search
 * terms of the other side's records, and nothing of the other side may come back or change.
 * A new route is covered as soon as it is registered.
 */
const ctx = setUpTestApp();
const area = areaPicker()();

interface Side {
  county: string;
  records: Record<RecordKind, string[]>;
  /** Strings that only this side's records contain: names, codes, usernames, ids. */
  markers: string[];
  institutionIds: string[];
  userIds: string[];
}

interface Viewer {
  name: string;
  agent: Agent;
  /** What this viewer must never see. */
  other: Side;
}

let operations: Operation[];
let viewers: Viewer[];
let sides: Side[];

async function importBatch(agent: Agent, jurisdictionCode: string, name: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("机构");
  sheet.addRow(["机构名称", "统一社会信用代码", "机构类型", "所有制", "等级", "所在县（市、区）代码", "联系人"]);
  sheet.addRow([name, "91350100M000100Y43", "村卫生室", "公立", "未定级", jurisdictionCode, "赵六"]);
  const { body, headers } = multipartFile("file", `${name}.xlsx`, Buffer.from(await book.xlsx.writeBuffer()));
  const preview = await agent.request("POST", "/api/institutions/imports", { body, headers });
  return preview.json().importId;
}

type UploadedFile = { id: string; fileName: string; marker: string };

/** An upload whose bytes carry a marker of their own (in a photo's EXIF, in a PDF's comment), so a response that leaks the file shows it. */
async function uploadMarked(agent: Agent, fileName: string, kind: "photo" | "pdf"): Promise<UploadedFile> {
  const marker = `file-marker-${randomUUID()}`;
  const content = kind === "photo" ? await testPhoto({ description: marker }) : Buffer.from(`%PDF-1.4\n% ${marker}\n%%EOF\n`);
  const uploaded = await uploadTestFile(agent, fileName, content);
  if (uploaded.statusCode !== 201) throw new Error(`uploading the side's file failed: ${uploaded.body}`);
  return { id: uploaded.json().id, fileName, marker };
}

/** A side of the walk: a county with two institutions, its authority's users and an institution's users. */
async function makeSide(label: string, county: string) {
  const first = await makeInstitution(ctx.db, { jurisdictionCode: county, name: `${label}第一医院` });
  const second = await makeInstitution(ctx.db, { jurisdictionCode: county, name: `${label}第二卫生院`, type: "township_health_center" });
  const admin = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: county });
  const inspector = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: county });
  const institutionAdmin = await signedIn(ctx, { role: "institution_admin", institution: first });
  const staff = await makeUser(ctx.db, { role: "institution_staff", institution: first });
  const batch = await importBatch(admin.agent, county, `${label}导入村卫生室`);
  // Changes that leave traces in audit and history.
  await admin.agent.put(`/api/institutions/${second.id}`, { ...editableValues(second), contactPerson: `${label}联系人` });
  // A photo bound to the side's hazard, and a document its administrator uploaded and kept unbound.
  const photo = await uploadMarked(inspector.agent, `${label}现场照片.jpg`, "photo");
  const document = await uploadMarked(admin.agent, `${label}未提交文件.pdf`, "pdf");
  const recorded = await inspector.agent.post("/api/hazards", {
    institutionId: first.id,
    foundOn: "2026-06-01",
    finders: `${label}检查组`,
    place: `${label}配电间`,
    category: "electrical",
    description: `${label}配电柜前堆放杂物`,
    grade: "general",
    handling: "by_deadline",
    deadline: "2026-06-30",
    responsiblePerson: `${label}责任人`,
    photoIds: [photo.id],
  });
  if (recorded.statusCode !== 201) throw new Error(`recording the side's hazard failed: ${recorded.body}`);
  const hazardRecord = recorded.json() as { id: string; number: string; description: string };
  const issued = await inspector.agent.post("/api/notices", { kind: "rectification", hazardIds: [hazardRecord.id] });
  if (issued.statusCode !== 201) throw new Error(`issuing the side's notice failed: ${issued.body}`);
  const noticeRecord = issued.json() as NoticeRecord;
  const keptChecklist = await admin.agent.post("/api/checklists", { name: `${label}自定检查表`, content: TEST_CHECKLIST });
  if (keptChecklist.statusCode !== 201) throw new Error(`creating the side's checklist failed: ${keptChecklist.body}`);
  const checklistRecord = keptChecklist.json() as ChecklistRecord;
  // An unannounced campaign (四不两直) over the side's institutions: its institutions must not see it either.
  const { version } = await makeChecklistVersion(ctx.db);
  const planned = await admin.agent.post("/api/campaigns", {
    name: `${label}四不两直专项检查`,
    kind: "special",
    periodStart: "2026-06-01",
    periodEnd: "2026-06-30",
    checklistVersionIds: [version.id],
    unannounced: true,
    scope: { kind: "list", institutionIds: [first.id, second.id] },
  });
  if (planned.statusCode !== 201) throw new Error(`planning the side's campaign failed: ${planned.body}`);
  const campaignRecord = planned.json() as CampaignRecord;
  const campaignRecords = await makeCampaignRecords(label, county, admin.agent, [first, second], campaignRecord);
  // A campaign over the first institution, inspected on site with a photo.
  const { version: inspectedWith } = await makeChecklistVersion(ctx.db, { authorityCode: county, name: `${label}检查表` });
  const inspectedCampaign = await makeCampaign(ctx.db, { authorityCode: county, institutions: [first], checklistVersionIds: [inspectedWith.id] });
  const inspectionPhoto = await uploadMarked(inspector.agent, `${label}检查照片.jpg`, "photo");
  const inspectionRecord = { id: randomUUID(), remarks: `${label}检查意见` };
  const inspected = await inspector.agent.post("/api/inspections", {
    id: inspectionRecord.id,
    campaignId: inspectedCampaign.id,
    institutionId: first.id,
    checklistVersionId: inspectedWith.id,
    inspectedOn: "2026-06-01",
    inspectors: [{ name: `${label}检查员` }],
    answers: [
      { itemKey: "exits", result: "compliant" },
      { itemKey: "extinguishers", result: "compliant", photoIds: [inspectionPhoto.id] },
      { itemKey: "wiring", result: "compliant" },
    ],
    remarks: inspectionRecord.remarks,
  });
  if (inspected.statusCode !== 201) throw new Error(`submitting the side's inspection failed: ${inspected.body}`);
  const users = [admin.user, inspector.user, institutionAdmin.user, staff];
  return {
    agents: { admin: admin.agent, inspector: inspector.agent, institutionAdmin: institutionAdmin.agent },
    first,
    second,
    batch,
    hazard: hazardRecord,
    files: [photo, document, inspectionPhoto],
    notice: noticeRecord,
    checklist: checklistRecord,
    campaignRecords,
    unannouncedCampaign: campaignRecord,
    inspectedCampaign: { id: inspectedCampaign.id, name: inspectedCampaign.name },
    inspection: inspectionRecord,
    recorder: inspector.user,
    users,
  };
}

/** The side's expert, and a campaign with a working group and a published draw (issue 8). */
async function makeCampaignRecords(
  label: string,
  county: string,
  admin: Agent,
  institutions: { id: string; jurisdictionPath: string }[],
  unannounced: CampaignRecord,
): Promise<CampaignRecords> {
  const added = await admin.post("/api/experts", {
    name: `${label}专家`,
    unit: `${label}专家单位`,
    institutionId: "",
    speciality: "消防",
    phone: "13900000000",
    conflictInstitutionIds: [],
    conflictNote: "",
    active: true,
  });
  if (added.statusCode !== 201) throw new Error(`adding the side's expert failed: ${added.body}`);
  const run = await makeCampaign(ctx.db, { authorityCode: county, institutions });
  const group = await admin.post(`/api/campaigns/${run.id}/groups`, { name: `${label}工作组` });
  if (group.statusCode !== 201) throw new Error(`creating the side's group failed: ${group.body}`);
  const drawn = await admin.post(`/api/campaigns/${run.id}/draws`, {
    quantity: { kind: "count", count: 1 },
    inspectorsPerInstitution: 2,
    witness: `${label}见证人`,
  });
  if (drawn.statusCode !== 201) throw new Error(`the side's draw failed: ${drawn.body}`);
  const published = await admin.post(`/api/draws/${drawn.json().id}/publish`);
  if (published.statusCode !== 200) throw new Error(`publishing the side's draw failed: ${published.body}`);
  return {
    experts: [{ id: added.json().id, name: `${label}专家` }],
    campaigns: [{ id: run.id, name: run.name }, unannounced],
    groups: [{ id: group.json().id, name: `${label}工作组` }],
    draws: [{ id: drawn.json().id, name: published.json().publicPath, seed: drawn.json().seed }],
  };
}

interface CampaignRecords {
  experts: { id: string; name: string }[];
  campaigns: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  draws: { id: string; name: string; seed: string }[];
}
const NO_CAMPAIGN_RECORDS: CampaignRecords = { experts: [], campaigns: [], groups: [], draws: [] };

type HazardRecord = { id: string; number: string; description: string };
type NoticeRecord = { id: string; number: string; verifyPath: string };
type ChecklistRecord = { id: string; name: string };
type CampaignRecord = { id: string; name: string };
type InspectionRecord = { id: string; remarks: string };

const sideOf = (
  county: string,
  institutions: (typeof institution.$inferSelect)[],
  users: { id: string; username: string }[],
  batches: string[],
  hazards: HazardRecord[],
  files: UploadedFile[] = [],
  notices: NoticeRecord[] = [],
  checklists: ChecklistRecord[] = [],
  campaignRecords: CampaignRecords = NO_CAMPAIGN_RECORDS,
  inspections: InspectionRecord[] = [],
): Side => ({
  county,
  records: {
    institution: institutions.map((i) => i.id),
    user: users.map((u) => u.id),
    import: batches,
    jurisdiction: [county],
    hazard: hazards.map((h) => h.id),
    file: files.map((f) => f.id),
    notice: notices.map((n) => n.id),
    checklist: checklists.map((c) => c.id),
    expert: campaignRecords.experts.map((r) => r.id),
    campaign: campaignRecords.campaigns.map((r) => r.id),
    group: campaignRecords.groups.map((r) => r.id),
    draw: campaignRecords.draws.map((r) => r.id),
    inspection: inspections.map((i) => i.id),
  },
  markers: [
    ...institutions.flatMap((i) => [i.id, i.name, i.creditCode]),
    ...users.flatMap((u) => [u.id, u.username]),
    ...batches,
    ...hazards.flatMap((h) => [h.id, h.number, h.description]),
    ...files.flatMap((f) => [f.id, f.fileName, f.marker]),
    ...notices.flatMap((n) => [n.id, n.number, n.verifyPath]),
    ...checklists.flatMap((c) => [c.id, c.name]),
    ...[...campaignRecords.experts, ...campaignRecords.campaigns, ...campaignRecords.groups].flatMap((r) => [r.id, r.name]),
    ...campaignRecords.draws.flatMap((r) => [r.id, r.name, r.seed]),
    ...inspections.flatMap((i) => [i.id, i.remarks]),
  ],
  institutionIds: institutions.map((i) => i.id),
  userIds: users.map((u) => u.id),
});

async function snapshot(side: Side) {
  return {
    institutions: await ctx.db.select().from(institution).where(inArray(institution.id, side.institutionIds)).orderBy(asc(institution.id)),
    users: await ctx.db.select().from(appUser).where(inArray(appUser.id, side.userIds)).orderBy(asc(appUser.id)),
    imports: await ctx.db.select({ id: dataImport.id, status: dataImport.status }).from(dataImport).where(inArray(dataImport.id, side.records.import)),
    hazards: await ctx.db.select().from(hazard).where(inArray(hazard.id, side.records.hazard)),
    notices: await ctx.db.select().from(notice).where(inArray(notice.id, side.records.notice)),
    checklists: await ctx.db.select().from(checklist).where(inArray(checklist.id, side.records.checklist)),
    experts: await ctx.db.select().from(expert).where(inArray(expert.id, side.records.expert)),
    groups: await ctx.db.select().from(workingGroup).where(inArray(workingGroup.id, side.records.group)),
    draws: await ctx.db.select().from(campaignDraw).where(inArray(campaignDraw.id, side.records.draw)),
    inspections: await ctx.db.select().from(inspection).where(inArray(inspection.id, side.records.inspection)),
  };
}

beforeAll(async () => {
  operations = await operationsOf(ctx.app);
  const a = await makeSide("甲县隔离", area.county.code);
  const b = await makeSide("乙县隔离", area.neighbour.code);
  const sideOfMaker = (side: typeof a, county: string) =>
    sideOf(
      county,
      [side.first, side.second],
      side.users,
      [side.batch],
      [side.hazard],
      side.files,
      [side.notice],
      [side.checklist],
      { ...side.campaignRecords, campaigns: [...side.campaignRecords.campaigns, side.inspectedCampaign] },
      [side.inspection],
    );
  const sideA = sideOfMaker(a, area.county.code);
  const sideB = sideOfMaker(b, area.neighbour.code);
  // An institution's users must not see the other institution of their county, nor its authority's
  // accounts — except the inspector who recorded its hazard, whom the hazard's timeline names — nor the
  // county administrator's unbound upload, nor the unannounced campaign it is in (四不两直).
  const restOfA = sideOf(
    area.county.code,
    [a.second],
    a.users.filter((u) => u.role.startsWith("authority") && u.id !== a.recorder.id),
    [a.batch],
    [],
    // The unbound document; the inspection's photo is the institution's own record's.
    a.files.slice(1, 2),
    [],
    [],
    { ...a.campaignRecords, campaigns: [a.unannouncedCampaign] },
  );
  sides = [sideA, sideB];
  viewers = [
    { name: "county A administrator", agent: a.agents.admin, other: sideB },
    { name: "county A inspector", agent: a.agents.inspector, other: sideB },
    { name: "county B administrator", agent: b.agents.admin, other: sideA },
    {
      name: "institution A1 administrator",
      agent: a.agents.institutionAdmin,
      other: {
        ...sideB,
        records: {
          ...sideB.records,
          file: [...sideB.records.file, ...restOfA.records.file],
          campaign: [...sideB.records.campaign, ...restOfA.records.campaign],
        },
        markers: [...sideB.markers, ...restOfA.markers],
      },
    },
  ];
});

/** The requests a viewer sends to one route: each of the other side's records in its path, filters and body. */
function attempts(operation: Operation, other: Side): { url: string; body?: unknown }[] {
  const pathParams = operation.parameters.filter((p) => p.in === "path");
  const pathChoices: Record<string, string>[] =
    pathParams.length === 0 ? [{}] : other.records[pathParams[0]?.schema["x-references"] ?? "institution"].map((id) => ({ [pathParams[0]?.name ?? "id"]: id }));
  const queries: Record<string, string>[] = [{}];
  for (const parameter of operation.parameters.filter((p) => p.in === "query")) {
    if (parameter.schema["x-references"] === "jurisdiction") queries.push({ [parameter.name]: other.county });
    if (["q", "actor"].includes(parameter.name))
      for (const marker of other.markers.filter((m) => !/^[0-9a-f-]{36}$/.test(m))) queries.push({ [parameter.name]: marker });
  }
  const body = operation.body && {
    ...operation.body.example,
    ...Object.fromEntries(
      Object.entries(operation.body.schema.properties ?? {}).flatMap(([name, schema]) => {
        const kind = schema["x-references"];
        return kind ? [[name, other.records[kind][0]]] : [];
      }),
    ),
  };
  return pathChoices.flatMap((params) => queries.map((query) => ({ url: urlOf(operation, params, query), body })));
}

describe("scope isolation on every route of the OpenAPI document", () => {
  it("walks the routes that hold records", () => {
    expect(operations.filter((o) => o.parameters.some((p) => p.schema["x-references"])).length).toBeGreaterThan(8);
  });

  // Every route × viewer × the other side's records: a few thousand requests, more with each new area.
  it("no user of one county or institution reads or changes the other side's records, through any route", async () => {
    const before = await Promise.all(sides.map(snapshot));
    const leaks: string[] = [];
    let requests = 0;
    for (const viewer of viewers) {
      // Routes that act on the caller's own session only (logout, own password) are not walked: they take no record.
      for (const operation of operations.filter((o) => !(o.access.kind === "signed-in" && o.method !== "GET") && !o.upload)) {
        for (const attempt of attempts(operation, viewer.other)) {
          const response = await viewer.agent.request(operation.method, attempt.url, attempt.body === undefined ? {} : { json: attempt.body });
          requests += 1;
          expect(response.statusCode, `${viewer.name}: ${operation.method} ${attempt.url}`).toBeLessThan(500);
          const text = await responseText(response);
          const seen = viewer.other.markers.filter((marker) => text.includes(marker));
          if (seen.length > 0) leaks.push(`${viewer.name}: ${operation.method} ${attempt.url} → ${response.statusCode} shows ${seen.join(", ")}`);
        }
      }
    }
    expect(requests).toBeGreaterThan(200);
    expect(leaks).toEqual([]);
    expect(await Promise.all(sides.map(snapshot))).toEqual(before);
  }, 180_000);
});
