import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { ChecklistContent } from "../contracts/checklists";
import type { Role } from "../contracts/enums";
import type { InstitutionInput } from "../contracts/institutions";
import { appUser, campaign, campaignAssignment, campaignChecklist, checklist, checklistVersion, hazard, institution } from "../db/schema";
import { isScoredContent, itemCountOf, maxScoreOf } from "../domain/checklists";
import { buildApp } from "../server/app";
import { type Config, loadConfig } from "../server/config";
import { institutionValues } from "../server/modules/institutions/save-institution";
import { type Jurisdiction, JurisdictionDirectory } from "../server/modules/jurisdictions/directory";
import { hashPassword } from "../server/platform/auth/passwords";
import { CSRF_COOKIE, CSRF_HEADER } from "../server/platform/auth/sessions";
import type { Clock } from "../server/platform/clock";
import { connectDatabase, type Db } from "../server/platform/db";
import { ensureDatabase } from "../server/platform/embedded-postgres";
import { diskFileStore, type FileStore } from "../server/platform/files/file-store";
import { syntheticCreditCode } from "../server/seed/generate-institutions";
import { TEST_CHECKLIST } from "./checklist-fixture";

export const TEST_PASSWORD = "Test@2026x";
export const directory = new JurisdictionDirectory();
export const PROVINCE = "410000";
export { TEST_CHECKLIST };

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** The app's file store, in a throwaway folder of the test file. */
  files: FileStore;
  close(): Promise<void>;
}

/** A fresh database copied from the migrated template, and the app on it: each test file is isolated. */
async function createTestApp(env: Record<string, string>, clock?: Clock): Promise<TestContext> {
  const adminUrl = inject("pgAdminUrl");
  const name = `t_${randomUUID().replaceAll("-", "")}`;
  await ensureDatabase(adminUrl, name, "yian_template");
  const database = connectDatabase(adminUrl.replace(/\/postgres$/, `/${name}`), 5);
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", ...env });
  // Uploaded files go to a throwaway folder of this test file, never to the project's data directory.
  const filesRoot = await mkdtemp(path.join(tmpdir(), "yian-test-files-"));
  const files = diskFileStore(filesRoot);
  const app = await buildApp({ config, db: database.db, clock, directory, files });
  return {
    app,
    db: database.db,
    config,
    files,
    close: async () => {
      await app.close();
      await database.close();
      await rm(filesRoot, { recursive: true, force: true });
    },
  };
}

/** Gives the calling test file its own database and app for all its tests (filled in before they run). */
export function setUpTestApp(options: { env?: Record<string, string>; clock?: Clock } = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    Object.assign(ctx, await createTestApp(options.env ?? {}, options.clock));
  });
  afterAll(() => ctx.close());
  return ctx;
}

/** Two counties of one city, and a county of another city: the shapes scope tests need. */
export interface Area {
  city: Jurisdiction;
  county: Jurisdiction;
  neighbour: Jurisdiction;
  otherCity: Jurisdiction;
  elsewhere: Jurisdiction;
}

const citiesWithCounties = directory.children(PROVINCE).filter((city) => directory.children(city.code).length >= 2);

/**
 * Hands out counties no other test of the same file has used, so each test builds its rows in its
 * own part of the tree and never sees another test's (test files have their own databases).
 */
export function areaPicker() {
  const used = new Set<string>();
  const freeIn = (city: Jurisdiction) => directory.children(city.code).filter((county) => county.isLeaf && !used.has(county.code));
  return (): Area => {
    const [first, second] = citiesWithCounties.filter((city) => freeIn(city).length >= 2).sort((a, b) => freeIn(b).length - freeIn(a).length);
    if (!first || !second) throw new Error("no unused counties left for this test file");
    const [county, neighbour] = freeIn(first) as [Jurisdiction, Jurisdiction];
    const [elsewhere] = freeIn(second) as [Jurisdiction];
    for (const j of [county, neighbour, elsewhere]) used.add(j.code);
    return { city: first, county, neighbour, otherCity: second, elsewhere };
  };
}

let serial = 1_000_000 + Math.floor(Math.random() * 1_000_000);

/** An institution's editable fields (a valid, unique credit code unless given). */
export function institutionInput(overrides: Partial<InstitutionInput> & { jurisdictionCode: string }): InstitutionInput {
  const n = serial++;
  return {
    name: `测试医院${n}`,
    creditCode: syntheticCreditCode("public", overrides.jurisdictionCode, n),
    type: "general_hospital",
    ownership: "public",
    grade: "grade2",
    provincialDirect: false,
    address: "",
    beds: 100,
    onDutyMedicalStaff: 120,
    dailyOutpatientVisits: 300,
    securityStaff: 5,
    contactPerson: "张三",
    contactPhone: "",
    ...overrides,
  };
}

/** Inserts an institution straight into the database. */
export async function makeInstitution(db: Db, overrides: Partial<InstitutionInput> & { jurisdictionCode: string }) {
  const [row] = await db
    .insert(institution)
    .values(institutionValues(directory, institutionInput(overrides)))
    .returning();
  if (!row) throw new Error("no row");
  return row;
}

let passwordHash: Promise<string> | undefined;

export interface AccountSpec {
  role: Role;
  jurisdictionCode?: string;
  institution?: { id: string; jurisdictionPath: string };
  mustChangePassword?: boolean;
}

export async function makeUser(db: Db, account: AccountSpec) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = `u${randomUUID().slice(0, 8)}`;
  const [row] = await db
    .insert(appUser)
    .values({
      username,
      displayName: `测试用户${username}`,
      role: account.role,
      jurisdictionCode: account.jurisdictionCode ?? null,
      institutionId: account.institution?.id ?? null,
      jurisdictionPath: account.institution?.jurisdictionPath ?? (account.jurisdictionCode ? (directory.get(account.jurisdictionCode)?.path ?? null) : null),
      passwordHash: await passwordHash,
      mustChangePassword: account.mustChangePassword ?? false,
    })
    .returning();
  if (!row) throw new Error("no row");
  return row;
}

let hazardsMade = 0;

/**
 * A hazard written straight into an institution's ledger, in whatever state `overrides` give it,
 * for tests that need one to exist. Numbers follow the order of making, so sorting by number does too.
 */
export async function makeHazard(
  db: Db,
  at: { institution: { id: string; jurisdictionPath: string; jurisdictionCode: string }; recordedBy: { id: string } },
  overrides: Partial<typeof hazard.$inferInsert> = {},
) {
  hazardsMade += 1;
  const [row] = await db
    .insert(hazard)
    .values({
      number: `测试隐患〔2026〕${String(hazardsMade).padStart(6, "0")}`,
      authorityCode: at.institution.jurisdictionCode,
      institutionId: at.institution.id,
      jurisdictionPath: at.institution.jurisdictionPath,
      foundOn: "2026-06-01",
      finders: "李明",
      place: "门诊楼配电间",
      category: "electrical",
      description: "配电柜前堆放杂物",
      grade: "general",
      handling: "by_deadline",
      deadline: "2026-06-30",
      responsiblePerson: "王科长",
      recordedBy: at.recordedBy.id,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("no row");
  return row;
}

/** A checklist of an authority (or shipped, without one) with its first version, written straight into the database. */
export async function makeChecklistVersion(db: Db, options: { authorityCode?: string; content?: ChecklistContent; name?: string } = {}) {
  const content = options.content ?? TEST_CHECKLIST;
  const [template] = await db
    .insert(checklist)
    .values({ authorityCode: options.authorityCode ?? null, name: options.name ?? `测试检查表${randomUUID().slice(0, 8)}`, scored: isScoredContent(content) })
    .returning();
  if (!template) throw new Error("no row");
  const [version] = await db
    .insert(checklistVersion)
    .values({ checklistId: template.id, version: 1, content, itemCount: itemCountOf(content), maxScore: maxScoreOf(content) })
    .returning();
  if (!version) throw new Error("no row");
  return { checklist: template, version };
}

/**
 * A campaign of an authority over the given institutions (each a pending assignment for the whole
 * period), written straight into the database, for tests of areas that work inside one.
 */
export async function makeCampaign(
  db: Db,
  options: {
    authorityCode: string;
    institutions: { id: string; jurisdictionPath: string }[];
    unannounced?: boolean;
    periodStart?: string;
    periodEnd?: string;
    kind?: typeof campaign.$inferInsert.kind;
    checklistVersionIds?: string[];
  },
) {
  const periodStart = options.periodStart ?? "2026-04-01";
  const periodEnd = options.periodEnd ?? "2026-06-30";
  const [row] = await db
    .insert(campaign)
    .values({
      authorityCode: options.authorityCode,
      authorityPath: directory.get(options.authorityCode)?.path ?? "",
      name: `测试检查工作${randomUUID().slice(0, 8)}`,
      kind: options.kind ?? "quarterly",
      periodStart,
      periodEnd,
      unannounced: options.unannounced ?? false,
      scopeRule: { institutionIds: options.institutions.map((one) => one.id) },
    })
    .returning();
  if (!row) throw new Error("no row");
  const versions = options.checklistVersionIds ?? [];
  if (versions.length > 0) {
    await db.insert(campaignChecklist).values(versions.map((checklistVersionId, ordinal) => ({ campaignId: row.id, checklistVersionId, ordinal })));
  }
  if (options.institutions.length > 0) {
    await db.insert(campaignAssignment).values(
      options.institutions.map((one) => ({
        campaignId: row.id,
        institutionId: one.id,
        jurisdictionPath: one.jurisdictionPath,
        windowStart: periodStart,
        windowEnd: periodEnd,
      })),
    );
  }
  return row;
}

/** An institution of the area's county, the county's inspector and the institution's administrator, both signed in. */
export async function makeInspectedInstitution(ctx: TestContext, area: Area, fields: Partial<InstitutionInput> = {}) {
  const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, ...fields });
  const inspector = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
  const institutionAdmin = await signedIn(ctx, { role: "institution_admin", institution: hospital });
  return {
    hospital,
    inspector: inspector.agent,
    inspectorUser: inspector.user,
    /** The institution's administrator. */
    institution: institutionAdmin.agent,
  };
}

/** What the record form sends for an ordinary general hazard with a deadline (POST /api/hazards). */
export const hazardRecordBody = (institutionId: string, overrides: Record<string, unknown> = {}) => ({
  institutionId,
  foundOn: "2026-06-01",
  finders: "李明",
  place: "门诊楼配电间",
  category: "electrical",
  description: "配电柜前堆放纸箱",
  grade: "general",
  handling: "by_deadline",
  deadline: "2026-06-30",
  responsiblePerson: "王科长",
  ...overrides,
});

/** Records a hazard through the API, as the inspector's form does, and returns it as the API answers. */
export async function recordHazard(agent: Agent, institutionId: string, overrides: Record<string, unknown> = {}) {
  const response = await agent.post("/api/hazards", hazardRecordBody(institutionId, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** Sends a command (submit, verify, send back…) to a hazard at the version the caller last read. */
export const hazardCommand = (agent: Agent, hazardId: string, version: number, command: Record<string, unknown>) =>
  agent.post(`/api/hazards/${hazardId}/commands`, { version, command });

type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

/** A browser-like client over app.inject: keeps cookies and sends the CSRF header like the web app. */
export class Agent {
  readonly cookies = new Map<string, string>();
  sendCsrf = true;

  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: Method,
    url: string,
    options: { json?: unknown; body?: Buffer | string; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = this.cookies.get(CSRF_COOKIE);
    if (method !== "GET" && this.sendCsrf && csrf && !(CSRF_HEADER in headers)) headers[CSRF_HEADER] = csrf;
    const response = await this.app.inject({
      method,
      url,
      headers,
      ...(options.json !== undefined ? { payload: options.json as object } : {}),
      ...(options.body !== undefined ? { payload: options.body } : {}),
    });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const cleared = cookie.value === "" || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0;
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  get = (url: string) => this.request("GET", url);
  post = (url: string, json?: unknown) => this.request("POST", url, json === undefined ? {} : { json });
  put = (url: string, json?: unknown) => this.request("PUT", url, { json });

  async login(username: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    await this.get("/api/auth/session");
    return this.post("/api/auth/login", { username, password });
  }
}

/** An agent already signed in as a new user of the given role and affiliation. */
export async function signedIn(ctx: TestContext, account: AccountSpec) {
  const user = await makeUser(ctx.db, account);
  const agent = new Agent(ctx.app);
  const response = await agent.login(user.username);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return { agent, user };
}

/** A multipart/form-data body with one file field, as a browser would send it. */
export function multipartFile(field: string, fileName: string, content: Buffer) {
  const boundary = `----yian${randomUUID().replaceAll("-", "")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** The first sheet of a downloaded workbook as text cells, row by row (the header first). */
export async function workbookRows(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  // Empty cells are holes in ExcelJS's values: read as "" so each column keeps its place.
  book.worksheets[0]?.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ""))));
  return rows;
}
