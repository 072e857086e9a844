/**
 * npm run bench — the API against its own SQL, at province scale (see bench/README.md).
 *
 * Builds (first run) or reuses the province-scale data set in its own cluster, starts the real app
 * on loopback, signs in over HTTP as province, city and county users, and times, interleaved:
 *   API  the route through Node's fetch, until the whole body has arrived;
 *   SQL  the very statements the route runs (built by the same functions, Drizzle's toSQL()),
 *        sent through a `pg` pool the way the route sends them.
 * It also times `floor`, the route that returns the caller's own session: the fixed cost of any
 * request on this machine in this run. A list case passes when its API p95 ≤ 50 ms and its
 * API p50 ≤ 1.5 × SQL p50 + floor p50; the inspection cases (coverage, a province-wide campaign, a
 * submit) have goals of their own (bench/README.md). Results go to bench/results/latest.json, one object a case.
 */

import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { fillPlaceholders } from "drizzle-orm";
import ExcelJS from "exceljs";
import pg from "pg";
import sharp from "sharp";
import type { ChecklistContent } from "../src/contracts/checklists";
import { HazardListQuery } from "../src/contracts/hazards";
import { InspectionSubmitBody } from "../src/contracts/inspections";
import { InstitutionListQuery } from "../src/contracts/institutions";
import { SAFETY_SUPERVISION } from "../src/db/reference/checklists/safety-supervision";
import { campaign } from "../src/db/schema";
import { buildApp } from "../src/server/app";
import { loadConfig } from "../src/server/config";
import { coverageLedger } from "../src/server/modules/campaigns/coverage";
import { insertScopeAssignments } from "../src/server/modules/campaigns/scope-rule";
import { countByChildGroupAndGrade } from "../src/server/modules/dashboard/queries";
import { hazardBatches, hazardListCondition, hazardListPlan, textMatching } from "../src/server/modules/hazards/queries";
import { submitInspection } from "../src/server/modules/inspections/submit-inspection";
import { institutionBatches, institutionListCondition, institutionListPlan } from "../src/server/modules/institutions/queries";
import { JurisdictionDirectory } from "../src/server/modules/jurisdictions/directory";
import { newAuditTrail, scopeOf, type UserActor } from "../src/server/platform/access";
import { lookupSession, SESSION_COOKIE, SESSION_STATEMENT, sessionIdOf, sessionQuery } from "../src/server/platform/auth/sessions";
import { closeDatabase, openDatabase } from "../src/server/platform/bootstrap";
import { systemClock } from "../src/server/platform/clock";
import { chooseDataDir } from "../src/server/platform/data-dir";
import { diskFileStore, fileStoreRoot } from "../src/server/platform/files/file-store";
import type { Scope } from "../src/server/platform/scope";
import { generateHazards } from "../src/server/seed/generate-hazards";
import { generateInspections } from "../src/server/seed/generate-inspections";
import { DEMO_PASSWORD, isDatabaseEmpty, seed } from "../src/server/seed/seed";
import { type RecordedStatement, recordStatements, replayStatements } from "./lib/capture";
import { ApiClient } from "./lib/http-client";
import { ms, summarise } from "./lib/stats";

const GOAL_P95_MS = 50;
const GOAL_RATIO = 1.5;
const GOAL_EXPORT_SECONDS = 15;
const GOAL_EXPORT_RSS_MB = 400;
const GOAL_IMPORT_PREVIEW_SECONDS = 1;
const GOAL_COVERAGE_P95_MS = 200;
const GOAL_CREATE_CAMPAIGN_SECONDS = 2;
const GOAL_SUBMIT_P95_MS = 100;
/** Province-wide campaigns created (and removed) by the API, and their INSERT … SELECT timed in a rolled-back transaction. */
const CAMPAIGN_RUNS = Number(process.env.BENCH_CAMPAIGN_RUNS ?? 3);
/** Below this the data set is not province scale and the goals say nothing. */
const MIN_INSTITUTIONS = 70_000;
/** Hazards in the data set: about two million over three years; fewer (BENCH_HAZARDS) for a quick run while developing. */
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 2_000_000);
/** Rows of the background export case. */
const EXPORT_ROWS = 100_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RESULTS_FILE = new URL("./results/latest.json", import.meta.url);

const USERS = { province: "hn_admin", city: "kf_admin", county: "lk_admin" } as const;
type Level = keyof typeof USERS;

interface Statement {
  text: string;
  values: unknown[];
}

interface CaseResult {
  name: string;
  p50_ms: number;
  p95_ms: number;
  sql_p50_ms: number | null;
  sql_p95_ms: number | null;
  /** API p50 / SQL p50. */
  ratio: number | null;
  seconds?: number;
  rows?: number;
  peak_rss_mb?: number;
  /** Why the case missed its goal, or "PASS". */
  verdict: string;
}

const LIST_CASES: Record<string, Record<string, string>> = {
  "first-page": {},
  "type=village_clinic": { type: "village_clinic" },
  "grade=grade2": { grade: "grade2" },
  "q=人民医院": { q: "人民医院" },
  // Two characters, too short for a trigram: in most names, and in few.
  "q=卫生": { q: "卫生" },
  "q=城关": { q: "城关" },
  // One character.
  "q=院": { q: "院" },
  "sort=name-desc": { sort: "name", order: "desc" },
  "sort=beds": { sort: "beds" },
  "sort=grade": { sort: "grade" },
  "sort=jurisdiction": { sort: "jurisdiction" },
  "sort=updatedAt": { sort: "updatedAt" },
  "deep-page": { page: "100" },
};

/** The ledger's cases, each for a province, a city and a county user; the deep page starts from a cursor (keyset). */
const HAZARD_CASES: Record<string, Record<string, string>> = {
  "first-page": {},
  "state=rectifying": { state: "rectifying" },
  "overdue=true": { overdue: "true" },
  // Two characters: too short for a trigram.
  "q=消防": { q: "消防" },
  "deep-page": { page: "101" },
  // The review queue: submitted rectifications, oldest first.
  "review-queue": { state: "awaiting_review", sort: "foundOn", order: "asc" },
};

/** The bench's own checklist of 40 items (four parts of ten), no photo required. */
const BENCH_CHECKLIST_NAME = "基准测试检查表（40项）";
const BENCH_CATEGORIES = ["fire", "electrical", "gas", "special_equipment", "medical_gas", "hazardous_chemicals", "security", "other"];
const BENCH_CHECKLIST: ChecklistContent = {
  sections: ["消防安全", "用电安全", "危险化学品与特种设备", "治安保卫"].map((title, s) => ({
    key: `part${s + 1}`,
    title,
    items: Array.from({ length: 10 }, (_, i) => ({
      key: `item${s * 10 + i + 1}`,
      text: `${title}检查项 ${i + 1}：制度落实、设施完好、记录齐全`,
      basis: "《医疗卫生机构安全生产工作指南》",
      category: BENCH_CATEGORIES[(s * 10 + i) % BENCH_CATEGORIES.length] as string,
      gradeHint: "general" as const,
      answerType: "compliance" as const,
      photoRequired: false,
    })),
  })),
};

/** Thrown to roll back the SQL side of a case that writes. */
class RolledBack extends Error {}

const log = (line: string) => console.log(line);
const benchDataDir = process.env.BENCH_DATA_DIR ? { dir: process.env.BENCH_DATA_DIR } : chooseDataDir({ purpose: "bench" });
if (benchDataDir.notice) log(benchDataDir.notice);
const config = loadConfig({
  ...process.env,
  DATA_DIR: benchDataDir.dir,
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "54393",
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});

log(config.DATABASE_URL ? "数据库：DATABASE_URL" : `数据库：内嵌 PostgreSQL，目录 ${benchDataDir.dir}，端口 ${config.EMBEDDED_PG_PORT}`);
const database = await openDatabase(config);
// The bench's own connections, set up as the app's pool sets up its own (platform/db.ts).
const sqlPool = new pg.Pool({ connectionString: database.url, max: 2, options: "-c max_parallel_workers_per_gather=0 -c jit=off" });
const directory = new JurisdictionDirectory();
let app: Awaited<ReturnType<typeof buildApp>> | undefined;

function statementOf(query: { toSQL(): { sql: string; params: unknown[] } }): Statement {
  const { sql, params } = query.toSQL();
  return { text: sql, values: params };
}

try {
  if (await isDatabaseEmpty(database.db)) {
    log("数据库为空，正在生成省级规模数据（约 8 万家机构）…");
    const started = performance.now();
    await seed({ db: database.db, files: diskFileStore(fileStoreRoot(config)) }, "province");
    log(`已生成，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  } else {
    log("复用已有数据");
  }
  // Fresh statistics and visibility map, as autovacuum would leave them on a settled database.
  await database.pool.query("vacuum (analyze) institution");
  const { rows: countRows } = await database.pool.query<{ n: string }>("select count(*) as n from institution");
  const institutions = Number(countRows[0]?.n ?? 0);
  log(`机构数：${institutions.toLocaleString("en")}`);
  if (institutions < MIN_INSTITUTIONS) throw new Error(`只有 ${institutions} 家机构，不是省级规模；请换一个空目录（BENCH_DATA_DIR）重新生成`);
  const hazards = await ensureHazards();
  log(`隐患数：${hazards.toLocaleString("en")}`);
  const inspections = await ensureInspections();
  log(`检查记录数：${inspections.toLocaleString("en")}`);

  app = await buildApp({ config, db: database.db, directory });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const clients = {} as Record<Level, ApiClient>;
  const scopes = {} as Record<Level, Scope>;
  const tokens = {} as Record<Level, string>;
  for (const level of Object.keys(USERS) as Level[]) {
    clients[level] = new ApiClient(baseUrl);
    await clients[level].login(USERS[level], DEMO_PASSWORD);
    tokens[level] = clients[level].cookie(SESSION_COOKIE) ?? "";
    const found = await lookupSession(database.db, tokens[level], config.SESSION_IDLE_MINUTES);
    if (found.status !== "active") throw new Error(`${level}: the session is ${found.status}`);
    scopes[level] = scopeOf(found.user, directory.positionOf);
  }

  const results: CaseResult[] = [];
  const floor = await timeFloor(clients.province, tokens.province);
  results.push(floor);
  log(`floor（会话路由）：API p50 ${floor.p50_ms} ms / SQL p50 ${floor.sql_p50_ms} ms`);
  const floorP50 = floor.p50_ms;

  for (const level of Object.keys(USERS) as Level[]) {
    for (const [caseName, params] of Object.entries(LIST_CASES)) {
      results.push(await listCase(`institutions/${level}/${caseName}`, clients[level], scopes[level], params, floorP50));
    }
  }
  for (const level of ["province", "city"] as const) {
    results.push(await breakdownCase(`home/${level}/breakdown`, clients[level], scopes[level], floorP50));
  }
  for (const level of Object.keys(USERS) as Level[]) {
    for (const [caseName, params] of Object.entries(HAZARD_CASES)) {
      const outcome = await hazardCase(`hazards/${level}/${caseName}`, clients[level], scopes[level], params, floorP50);
      if (outcome) results.push(outcome);
    }
  }
  for (const level of Object.keys(USERS) as Level[]) {
    results.push(await coverageCase(`inspections/coverage/${level}`, clients[level], scopes[level]));
  }
  results.push(await createCampaignCase("inspections/create-campaign/province", clients.province, scopes.province));
  results.push(await submitCase("inspections/submit", baseUrl, clients.county, scopes.county));
  // The process's RSS only grows (V8 keeps what it took): each export is measured before the larger one after it.
  results.push(await exportCase("institutions/province/export", clients.province, scopes.province));
  results.push(await hazardExportCase("hazards/export-100k", clients.province, scopes.province));
  results.push(await importPreviewCase("institutions/county/import-preview", clients.county));

  printTable(results, institutions, hazards, floorP50);
  await mkdir(new URL("./results/", import.meta.url), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  log("结果已写入 bench/results/latest.json");
} finally {
  await app?.close();
  await sqlPool.end();
  await closeDatabase(database);
}

/**
 * Runs `api` and `sql` interleaved (alternating which goes first), after a warm-up; returns both
 * summaries. `prepareApi`, when given, runs untimed before each API call (what a request needs first, as uploads).
 */
async function interleave(api: () => Promise<void>, sql: () => Promise<void>, prepareApi?: () => Promise<void>) {
  const apiTimes: number[] = [];
  const sqlTimes: number[] = [];
  const time = async (run: () => Promise<void>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    await prepareApi?.();
    const [first, second] = i % 2 === 0 ? [api, sql] : [sql, api];
    const a = await time(first);
    const b = await time(second);
    if (i < WARMUP) continue;
    apiTimes.push(i % 2 === 0 ? a : b);
    sqlTimes.push(i % 2 === 0 ? b : a);
  }
  return { api: summarise(apiTimes), sql: summarise(sqlTimes) };
}

async function getOk(client: ApiClient, path: string) {
  const response = await client.get(path);
  if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${new TextDecoder().decode(response.body)}`);
  return response;
}

function verdictOf(p95: number, p50: number, sqlP50: number, floorP50: number) {
  const misses = [p95 > GOAL_P95_MS ? `p95 > ${GOAL_P95_MS}` : "", p50 > GOAL_RATIO * sqlP50 + floorP50 ? "p50 > 1.5×SQL+floor" : ""].filter(Boolean);
  return misses.length ? `MISS (${misses.join(", ")})` : "PASS";
}

function result(name: string, api: { p50: number; p95: number }, sql: { p50: number; p95: number }, floorP50: number): CaseResult {
  return {
    name,
    p50_ms: ms(api.p50),
    p95_ms: ms(api.p95),
    sql_p50_ms: ms(sql.p50),
    sql_p95_ms: ms(sql.p95),
    ratio: ms(api.p50 / sql.p50),
    verdict: verdictOf(api.p95, api.p50, sql.p50, floorP50),
  };
}

/** The fixed cost of a request: the session route against the session lookup it runs. */
async function timeFloor(client: ApiClient, token: string): Promise<CaseResult> {
  const { sql, params } = sessionQuery(database.db).toSQL();
  const values = fillPlaceholders(params, { id: sessionIdOf(token), idleMinutes: config.SESSION_IDLE_MINUTES });
  const { api, sql: direct } = await interleave(
    async () => {
      await getOk(client, "/api/auth/session");
    },
    async () => {
      await sqlPool.query({ name: SESSION_STATEMENT, text: sql, values });
    },
  );
  return { ...result("floor", api, direct, 0), verdict: "—" };
}

async function listCase(name: string, client: ApiClient, scope: Scope, params: Record<string, string>, floorP50: number): Promise<CaseResult> {
  // Parsed by the route's own schema, so both sides see the same page, filters and defaults; the
  // statements come from the same plan, and run the way the route runs them.
  const query = InstitutionListQuery.parse(params);
  const plan = institutionListPlan(database.db, directory, scope, query);
  const total = statementOf(plan.count);
  const runSql = async () => {
    if (!plan.countFirst) return Promise.all([sqlPool.query({ ...statementOf(plan.page()), rowMode: "array" }), sqlPool.query({ ...total, rowMode: "array" })]);
    const counted = await sqlPool.query({ ...total, rowMode: "array" });
    const page = await sqlPool.query({ ...statementOf(plan.page(Number(counted.rows[0]?.[0]))), rowMode: "array" });
    return [page, counted] as const;
  };
  const path = `/api/institutions?${new URLSearchParams(params)}`;

  // Both sides must answer the same thing before their times are compared.
  const body = JSON.parse(new TextDecoder().decode((await getOk(client, path)).body)) as { items: { id: string }[]; total: number };
  const [pageRows, countRows] = await runSql();
  const counted = Number(countRows.rows[0]?.[0]);
  const expectedTotal = plan.countFirst ? Math.min(counted, plan.cap) : counted;
  if (body.items.map((i) => i.id).join() !== pageRows.rows.map((row) => row[0]).join() || body.total !== expectedTotal) {
    throw new Error(`${name}: the API and the SQL disagree`);
  }
  const { api, sql } = await interleave(
    async () => {
      await getOk(client, path);
    },
    async () => {
      await runSql();
    },
  );
  const outcome = result(name, api, sql, floorP50);
  log(`  ${padEnd(name, 44)} total=${String(body.total).padStart(6)}  API p50 ${outcome.p50_ms} / SQL p50 ${outcome.sql_p50_ms} ms  ${outcome.verdict}`);
  return outcome;
}

async function userId(username: string): Promise<string> {
  const [user] = (await database.pool.query<{ id: string }>("select id from app_user where username = $1", [username])).rows;
  if (!user) throw new Error(`the seed has no ${username}`);
  return user.id;
}

/** Hazards of the data set: generated (set-based SQL, a few minutes for two million) when there are too few. */
async function ensureHazards(): Promise<number> {
  const count = async () => Number((await database.pool.query<{ n: string }>("select count(*) as n from hazard")).rows[0]?.n ?? 0);
  let hazards = await count();
  if (hazards < HAZARDS * 0.9) {
    if (hazards > 0) throw new Error(`已有 ${hazards} 条隐患，少于 ${HAZARDS} 条；请换一个空目录（BENCH_DATA_DIR）重新生成`);
    log(`正在生成约 ${HAZARDS.toLocaleString("en")} 条隐患（三年）…`);
    const started = performance.now();
    await generateHazards(database.db, directory, { total: HAZARDS, today: systemClock.today(), recordedBy: await userId("hn_inspector") });
    log(`已生成，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
    hazards = await count();
  }
  await database.pool.query("vacuum (analyze) hazard");
  return hazards;
}

/**
 * The campaigns and inspections of the data set: three years of quarterly campaigns of the province,
 * every city and county with their 回头看 (set-based SQL, generate-inspections.ts), generated into a
 * data set that has none.
 */
async function ensureInspections(): Promise<number> {
  const { rows } = await database.pool.query<{ planned: boolean }>("select exists (select 1 from campaign where kind = 'quarterly') as planned");
  if (!rows[0]?.planned) {
    log("正在生成三年的季度督导检查、回头看及其检查记录（省、市、县）…");
    const started = performance.now();
    const generated = await generateInspections(database.db, directory, { today: systemClock.today(), recordedBy: await userId("hn_inspector") });
    log(
      `已生成 ${generated.campaigns} 项检查工作、${generated.assignments} 条检查任务、${generated.inspections} 份检查记录（关联 ${generated.linkedHazards} 条隐患），用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`,
    );
    await database.pool.query("vacuum (analyze) hazard");
  }
  await database.pool.query("vacuum (analyze) campaign, campaign_assignment, inspection");
  return Number((await database.pool.query<{ n: string }>("select count(*) as n from inspection")).rows[0]?.n ?? 0);
}

/** A day `days` after a China calendar day. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The current version of the shipped checklist the generated campaigns inspect with. */
async function shippedVersionId(): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>(
    "select v.id from checklist_version v join checklist c on c.id = v.checklist_id and v.version = c.current_version where c.shipped_key = $1",
    [SAFETY_SUPERVISION.shippedKey],
  );
  if (!rows[0]) throw new Error(`the shipped checklist ${SAFETY_SUPERVISION.shippedKey} is not loaded`);
  return rows[0].id;
}

/**
 * The coverage ledger of this quarter (GET /api/coverage) against the statement the campaigns
 * module builds for it (coverageLedger, recorded as it runs and sent again as it is).
 */
async function coverageCase(name: string, client: ApiClient, scope: Scope): Promise<CaseResult> {
  const today = systemClock.today();
  const [statement, ...more] = await recordStatements(sqlPool, (db) => coverageLedger(db, directory, scope, undefined, today), { rollBack: false });
  if (!statement || more.length > 0) throw new Error(`${name}: the ledger is not one statement`);
  const runSql = () => sqlPool.query({ text: statement.text, values: statement.values, rowMode: "array" });
  const body = JSON.parse(new TextDecoder().decode((await getOk(client, "/api/coverage")).body)) as {
    total: { duty: number; inspectedQuarter: number; inspectedYear: number };
  };
  // The ledger's lines are the rows' counts (key, duty, inspected this quarter, this year), one a jurisdiction.
  const sums = (await runSql()).rows.reduce((sum: number[], row: unknown[]) => sum.map((value, i) => value + Number(row[i + 1])), [0, 0, 0]);
  if (sums.join() !== [body.total.duty, body.total.inspectedQuarter, body.total.inspectedYear].join()) throw new Error(`${name}: the API and the SQL disagree`);
  const { api, sql } = await interleave(
    async () => {
      await getOk(client, "/api/coverage");
    },
    async () => {
      await runSql();
    },
  );
  const outcome = { ...result(name, api, sql, 0), verdict: api.p95 > GOAL_COVERAGE_P95_MS ? `MISS (p95 > ${GOAL_COVERAGE_P95_MS})` : "PASS" };
  log(
    `  ${padEnd(name, 44)} 应覆盖 ${body.total.duty}，本季度已检查 ${body.total.inspectedQuarter}  API p50 ${outcome.p50_ms} / SQL p50 ${outcome.sql_p50_ms} ms  ${outcome.verdict}`,
  );
  return outcome;
}

/** Removes a campaign the bench created, with its assignments (no groups, draws or inspections are made for it). */
async function removeCampaign(id: string) {
  await database.pool.query("delete from campaign_assignment where campaign_id = $1", [id]);
  await database.pool.query("delete from campaign_checklist where campaign_id = $1", [id]);
  await database.pool.query("delete from campaign where id = $1", [id]);
}

/**
 * A province-wide campaign (every institution on the register: the largest list a campaign makes)
 * planned through POST /api/campaigns, seconds to the answer, then removed; against the INSERT …
 * SELECT of its assignments alone (insertScopeAssignments, the statement createCampaign runs) in a
 * transaction rolled back. Seconds are the median of the runs.
 */
async function createCampaignCase(name: string, client: ApiClient, scope: Scope): Promise<CaseResult> {
  if (scope.kind !== "jurisdiction") throw new Error(`${name}: a campaign is an authority's`);
  const today = systemClock.today();
  const body = {
    name: "基准测试：全省医疗卫生机构安全生产专项整治",
    kind: "special" as const,
    periodStart: today,
    periodEnd: addDays(today, 30),
    checklistVersionIds: [await shippedVersionId()],
    selection: "all" as const,
    scope: { kind: "filter" as const, jurisdictionCodes: [], types: [], grades: [] },
  };
  const createdBy = await userId("hn_admin");
  const apiTimes: number[] = [];
  const sqlTimes: number[] = [];
  let assignments = 0;
  for (let run = 0; run < CAMPAIGN_RUNS; run++) {
    const started = performance.now();
    const created = JSON.parse(await client.postJson("/api/campaigns", body)) as { id?: string; progress?: { total: number } };
    apiTimes.push(performance.now() - started);
    if (!created.id || !created.progress) throw new Error(`${name}: ${JSON.stringify(created).slice(0, 200)}`);
    assignments = created.progress.total;
    await removeCampaign(created.id);

    let inserted = 0;
    await database.db
      .transaction(async (tx) => {
        const [row] = await tx
          .insert(campaign)
          .values({
            authorityCode: scope.code,
            authorityPath: scope.path,
            name: body.name,
            kind: body.kind,
            periodStart: body.periodStart,
            periodEnd: body.periodEnd,
            scopeRule: body.scope,
            createdBy,
          })
          .returning();
        if (!row) throw new Error("no row");
        const sqlStarted = performance.now();
        inserted = await insertScopeAssignments(tx, directory, row, body.scope);
        sqlTimes.push(performance.now() - sqlStarted);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    if (inserted !== assignments) throw new Error(`${name}: the API made ${assignments} assignments, the SQL ${inserted}`);
  }
  await database.pool.query("vacuum (analyze) campaign, campaign_assignment");
  const api = summarise(apiTimes);
  const sql = summarise(sqlTimes);
  const seconds = api.p50 / 1000;
  const verdict = seconds > GOAL_CREATE_CAMPAIGN_SECONDS ? `MISS (> ${GOAL_CREATE_CAMPAIGN_SECONDS} s)` : "PASS";
  log(`  ${padEnd(name, 44)} ${assignments} 条检查任务，${ms(seconds)} 秒（INSERT … SELECT ${ms(sql.p50 / 1000)} 秒）  ${verdict}`);
  return {
    name,
    p50_ms: ms(api.p50),
    p95_ms: ms(api.p95),
    sql_p50_ms: ms(sql.p50),
    sql_p95_ms: ms(sql.p95),
    ratio: ms(api.p50 / sql.p50),
    seconds: ms(seconds),
    rows: assignments,
    verdict,
  };
}

/** The county's 40-item checklist: made through the API (POST /api/checklists) the first time, found by its name after. */
async function benchChecklistVersion(countyAdmin: ApiClient, authorityCode: string): Promise<string> {
  const find = async () =>
    (
      await database.pool.query<{ id: string }>(
        "select v.id from checklist c join checklist_version v on v.checklist_id = c.id and v.version = c.current_version where c.authority_code = $1 and c.name = $2",
        [authorityCode, BENCH_CHECKLIST_NAME],
      )
    ).rows[0]?.id;
  const found = await find();
  if (found) return found;
  const answer = await countyAdmin.postJson("/api/checklists", { name: BENCH_CHECKLIST_NAME, content: BENCH_CHECKLIST });
  const made = await find();
  if (!made) throw new Error(`the bench checklist was not made: ${answer.slice(0, 200)}`);
  return made;
}

/**
 * An inspection of 40 items with 5 hazards and 5 photos (uploaded first, untimed), submitted by the
 * county's inspector with a fresh device id, one institution of a campaign after another
 * (POST /api/inspections). The SQL side is every statement of that submit, recorded from
 * submitInspection run for the city's inspector (its own institution and photos, its hazards
 * numbered by the city, so the county's submits never take its numbers) in a transaction rolled
 * back, and sent again in a transaction rolled back each time.
 */
async function submitCase(name: string, baseUrl: string, countyAdmin: ApiClient, countyScope: Scope): Promise<CaseResult> {
  if (countyScope.kind !== "jurisdiction") throw new Error(`${name}: the county admin is an authority's`);
  const today = systemClock.today();
  const inspector = new ApiClient(baseUrl);
  await inspector.login("lk_inspector", DEMO_PASSWORD);
  const recorder = new ApiClient(baseUrl);
  await recorder.login("kf_inspector", DEMO_PASSWORD);
  const versionId = await benchChecklistVersion(countyAdmin, countyScope.code);
  const items = BENCH_CHECKLIST.sections.flatMap((section) => section.items);

  // A campaign over every institution of the county, one for each run: each submit inspects another of them.
  const planned = JSON.parse(
    await countyAdmin.postJson("/api/campaigns", {
      name: `基准测试：现场检查提交（${new Date().toISOString()}）`,
      kind: "special",
      periodStart: today,
      periodEnd: addDays(today, 30),
      checklistVersionIds: [versionId],
      scope: { kind: "filter", jurisdictionCodes: [] },
    }),
  ) as { id?: string };
  if (!planned.id) throw new Error(`${name}: ${JSON.stringify(planned).slice(0, 200)}`);
  const campaignId = planned.id;
  const institutions = (
    await database.pool.query<{ id: string }>("select institution_id as id from campaign_assignment where campaign_id = $1 order by institution_id", [
      campaignId,
    ])
  ).rows.map((row) => row.id);
  if (institutions.length < WARMUP + ITERATIONS + 1) throw new Error(`${name}: 只有 ${institutions.length} 家机构可检查，少于 ${WARMUP + ITERATIONS + 1}`);

  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#8a9bb0" } })
    .jpeg()
    .toBuffer();
  const uploadPhotos = async (client: ApiClient) => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const uploaded = JSON.parse(await client.upload(`/api/files?clientId=${randomUUID()}`, "现场照片.jpg", photo)) as { id?: string };
      if (!uploaded.id) throw new Error(`${name}: the photo upload failed: ${JSON.stringify(uploaded).slice(0, 200)}`);
      ids.push(uploaded.id);
    }
    return ids;
  };
  const unit = `${directory.get(countyScope.code)?.authorityName ?? ""}`;
  const bodyOf = (institutionId: string, photoIds: string[]) => ({
    id: randomUUID(),
    campaignId,
    institutionId,
    checklistVersionId: versionId,
    inspectedOn: today,
    startedAt: `${today}T09:00:00+08:00`,
    finishedAt: `${today}T11:30:00+08:00`,
    place: "门诊楼、住院楼、配电间、消防控制室",
    inspectors: [
      { name: "李明", unit },
      { name: "张伟", unit },
    ],
    answers: items.map((item, i) =>
      i < 5
        ? { itemKey: item.key, result: "non_compliant", note: "现场发现问题，已拍照", photoIds: [photoIds[i]] }
        : { itemKey: item.key, result: "compliant", note: "", photoIds: [] },
    ),
    hazards: items.slice(0, 5).map((item, i) => ({
      id: randomUUID(),
      itemKey: item.key,
      place: "门诊楼一层",
      category: item.category,
      description: `${item.text}：现场检查不符合要求`,
      basis: item.basis,
      grade: "general",
      handling: "by_deadline",
      deadline: addDays(today, 15),
      responsiblePerson: "王科长",
      photoIds: [photoIds[i]],
    })),
    onSiteOpinions: "对发现的隐患限期整改",
    representativeName: "王院长",
  });

  // The SQL side: the statements of one submit, recorded in a transaction rolled back.
  const session = await lookupSession(database.db, recorder.cookie(SESSION_COOKIE) ?? "", config.SESSION_IDLE_MINUTES);
  if (session.status !== "active") throw new Error(`${name}: the city inspector's session is ${session.status}`);
  const actor: UserActor = { kind: "user", user: session.user, scope: scopeOf(session.user, directory.positionOf), ip: "127.0.0.1", trail: newAuditTrail() };
  const recordedBody = InspectionSubmitBody.parse(bodyOf(institutions[0] as string, await uploadPhotos(recorder)));
  const statements: RecordedStatement[] = await recordStatements(
    sqlPool,
    async (db) => {
      const { created, detail } = await submitInspection({ db, directory, clock: systemClock }, actor, recordedBody, "supervision");
      if (!created || detail.hazards.length !== 5) throw new Error(`${name}: the recorded submit made ${detail.hazards.length} hazards`);
    },
    { rollBack: true },
  );
  if (statements[0]?.text !== "begin" || statements.at(-1)?.text !== "rollback") throw new Error(`${name}: the submit was not recorded as one transaction`);

  let next = 1;
  let body = bodyOf(institutions[next] as string, []);
  const submit = async () => {
    const detail = JSON.parse(await inspector.postJson("/api/inspections", body)) as { hazards?: unknown[] };
    if (detail.hazards?.length !== 5) throw new Error(`${name}: ${JSON.stringify(detail).slice(0, 300)}`);
  };
  const { api, sql } = await interleave(
    submit,
    () => replayStatements(sqlPool, statements),
    async () => {
      body = bodyOf(institutions[next++] as string, await uploadPhotos(inspector));
    },
  );
  const outcome = { ...result(name, api, sql, 0), verdict: api.p95 > GOAL_SUBMIT_P95_MS ? `MISS (p95 > ${GOAL_SUBMIT_P95_MS})` : "PASS" };
  log(`  ${padEnd(name, 44)} ${statements.length - 2} 条语句  API p50 ${outcome.p50_ms} / SQL p50 ${outcome.sql_p50_ms} ms  ${outcome.verdict}`);
  return outcome;
}

/**
 * A ledger page: the route against its plan's page and capped count, sent side by side as the route
 * sends them. None for a deep page the ledger does not reach (a quick run with few hazards, BENCH_HAZARDS).
 */
async function hazardCase(name: string, client: ApiClient, scope: Scope, params: Record<string, string>, floorP50: number): Promise<CaseResult | undefined> {
  const today = systemClock.today();
  let request = params;
  if (params.page !== undefined) {
    // Keyset: the cursor after page `page` (found once, untimed); the case is the page that follows.
    const numbered = HazardListQuery.parse(params);
    const plan = hazardListPlan(database.db, directory, scope, numbered, today, await textMatching(database.db, directory, scope, numbered));
    const cursor = plan.nextCursor(await plan.page);
    if (!cursor) {
      if (HAZARDS >= 2_000_000) throw new Error(`${name}: the ledger has no page ${params.page}`);
      log(`  ${padEnd(name, 44)} 跳过：隐患不足 ${params.page} 页（BENCH_HAZARDS=${HAZARDS}）`);
      return undefined;
    }
    request = { after: cursor };
  }
  const query = HazardListQuery.parse(request);
  // The route reads how to match a term from cached statistics; the bench asks the same function once.
  const plan = hazardListPlan(database.db, directory, scope, query, today, await textMatching(database.db, directory, scope, query));
  const page = statementOf(plan.page);
  const total = statementOf(plan.count);
  const runSql = () => Promise.all([sqlPool.query({ ...page, rowMode: "array" }), sqlPool.query({ ...total, rowMode: "array" })]);
  const path = `/api/hazards?${new URLSearchParams(request)}`;

  const body = JSON.parse(new TextDecoder().decode((await getOk(client, path)).body)) as { items: { id: string }[]; total: number };
  const [pageRows, countRows] = await runSql();
  const counted = Math.min(Number(countRows.rows[0]?.[0]), plan.cap);
  if (body.items.map((i) => i.id).join() !== pageRows.rows.map((row) => row[0]).join() || body.total !== counted) {
    throw new Error(`${name}: the API and the SQL disagree`);
  }
  const { api, sql } = await interleave(
    async () => {
      await getOk(client, path);
    },
    async () => {
      await runSql();
    },
  );
  const outcome = result(name, api, sql, floorP50);
  log(`  ${padEnd(name, 44)} total=${String(body.total).padStart(6)}  API p50 ${outcome.p50_ms} / SQL p50 ${outcome.sql_p50_ms} ms  ${outcome.verdict}`);
  return outcome;
}

/**
 * About 100,000 hazards (the newest days of the province's ledger) exported in the background, as
 * a user does it: asked for, followed until done, downloaded. Seconds from asking to the last byte,
 * and the peak memory of the process serving it, against a keyset walk of the same rows.
 */
async function hazardExportCase(name: string, client: ApiClient, scope: Scope): Promise<CaseResult> {
  const today = systemClock.today();
  const { rows: bounds } = await database.pool.query<{ from: string }>(
    "select to_char(found_on, 'YYYY-MM-DD') as from from hazard order by found_on desc, id desc offset $1 limit 1",
    [EXPORT_ROWS - 1],
  );
  const filters = { foundFrom: bounds[0]?.from ?? today };
  return measureExport(
    name,
    async () => {
      const job = JSON.parse(await client.postJson("/api/hazards/export-jobs", filters)) as { id?: string };
      if (!job.id) throw new Error(`${name}: ${JSON.stringify(job).slice(0, 200)}`);
      for (;;) {
        const progress = JSON.parse(new TextDecoder().decode((await getOk(client, `/api/export-jobs/${job.id}`)).body)) as { state: string };
        if (progress.state === "done") break;
        if (progress.state === "failed") throw new Error(`${name}: the export job failed`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return (await getOk(client, `/api/export-jobs/${job.id}/file`)).body;
    },
    () => hazardBatches(database.db, hazardListCondition(directory, scope, filters, today), {}, today),
  );
}

async function breakdownCase(name: string, client: ApiClient, scope: Scope, floorP50: number): Promise<CaseResult> {
  if (scope.kind !== "jurisdiction") throw new Error(`${name}: the breakdown is for an authority`);
  const childPathLength = directory.children(scope.code)[0]?.path.length ?? 0;
  const statement = statementOf(countByChildGroupAndGrade(database.db, scope, childPathLength));
  const { api, sql } = await interleave(
    async () => {
      await getOk(client, "/api/dashboard/breakdown");
    },
    async () => {
      await sqlPool.query({ ...statement, rowMode: "array" });
    },
  );
  const outcome = result(name, api, sql, floorP50);
  log(`  ${padEnd(name, 44)} API p50 ${outcome.p50_ms} / SQL p50 ${outcome.sql_p50_ms} ms  ${outcome.verdict}`);
  return outcome;
}

/**
 * A full collection before an export is measured (the bench runs with --expose-gc): V8 keeps the
 * heap an earlier case grew to, so without it each export would also count the ones before it.
 */
function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The data rows of an exported workbook, read as a stream: the server runs in this process, so a
 * workbook loaded whole here (hundreds of MB for 100,000 rows) would count as the server's memory
 * in every export case after it.
 */
async function dataRowsOf(body: ArrayBuffer): Promise<number> {
  let rows = 0;
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(body)), {})) {
    for await (const _row of sheet) rows++;
    break;
  }
  return rows - 1;
}

/** The whole filtered list as .xlsx: time, rows and the peak memory of the process serving it. */
async function exportCase(name: string, client: ApiClient, scope: Scope): Promise<CaseResult> {
  return measureExport(
    name,
    async () => (await getOk(client, "/api/institutions/export")).body,
    () => institutionBatches(database.db, institutionListCondition(directory, scope, {}), { sort: undefined, order: undefined }),
  );
}

/**
 * One export case: seconds from asking to the last byte and the serving process's peak memory
 * (sampled while `download` runs, from a collected heap), against a keyset walk of the same rows.
 */
async function measureExport(name: string, download: () => Promise<ArrayBuffer>, walk: () => AsyncIterable<unknown[]>): Promise<CaseResult> {
  collectGarbage();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const body = await download();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rows = await dataRowsOf(body);

  const sqlStarted = performance.now();
  let walked = 0;
  for await (const batch of walk()) walked += batch.length;
  const sqlSeconds = (performance.now() - sqlStarted) / 1000;
  if (walked !== rows) throw new Error(`${name}: the export has ${rows} rows, the SQL walk ${walked}`);

  const peakMb = Math.round(peak / 1024 / 1024);
  const misses = [
    seconds > GOAL_EXPORT_SECONDS ? `> ${GOAL_EXPORT_SECONDS} s` : "",
    peakMb > GOAL_EXPORT_RSS_MB ? `RSS > ${GOAL_EXPORT_RSS_MB} MB` : "",
  ].filter(Boolean);
  log(`  ${padEnd(name, 44)} ${rows} 行，${seconds.toFixed(1)} 秒（SQL ${sqlSeconds.toFixed(1)} 秒），进程峰值 ${peakMb} MB`);
  return {
    name,
    p50_ms: ms(seconds * 1000),
    p95_ms: ms(seconds * 1000),
    sql_p50_ms: ms(sqlSeconds * 1000),
    sql_p95_ms: ms(sqlSeconds * 1000),
    ratio: ms(seconds / sqlSeconds),
    seconds: ms(seconds),
    rows,
    peak_rss_mb: peakMb,
    verdict: misses.length ? `MISS (${misses.join(", ")})` : "PASS",
  };
}

/** A 5,000-row workbook checked (not imported): the upload, the reading and every row's checks. */
async function importPreviewCase(name: string, client: ApiClient): Promise<CaseResult> {
  const ROWS = 5000;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("机构");
  sheet.addRow(["兰考县医疗机构名录（基准测试）"]);
  sheet.addRow(["机构名称", "统一社会信用代码", "机构类型", "所有制", "等级", "所在县（市、区）", "床位数", "联系人", "联系电话"]);
  for (let i = 0; i < ROWS; i++)
    sheet.addRow([`基准村卫生室${i}`, "91350100M000100Y43", "村卫生室", "公立", "未定级", "兰考县", "１２", "张三", "13800000000"]);
  const file = Buffer.from(await book.xlsx.writeBuffer());
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const preview = JSON.parse(await client.upload("/api/institutions/imports", "基准.xlsx", file)) as { totalRows?: number };
    if (preview.totalRows !== ROWS) throw new Error(`${name}: ${JSON.stringify(preview).slice(0, 200)}`);
    if (i > 0) times.push(performance.now() - started);
  }
  const { p50, p95 } = summarise(times);
  log(`  ${padEnd(name, 44)} ${ROWS} 行，p50 ${ms(p50 / 1000)} 秒`);
  return {
    name,
    p50_ms: ms(p50),
    p95_ms: ms(p95),
    sql_p50_ms: null,
    sql_p95_ms: null,
    ratio: null,
    seconds: ms(p50 / 1000),
    rows: ROWS,
    verdict: p50 / 1000 > GOAL_IMPORT_PREVIEW_SECONDS ? `MISS (> ${GOAL_IMPORT_PREVIEW_SECONDS} s)` : "PASS",
  };
}

/** padEnd by display width: a Chinese character takes two columns in a terminal. */
function padEnd(text: string, width: number): string {
  const shown = [...text].reduce((sum, c) => sum + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
  return text + " ".repeat(Math.max(0, width - shown));
}

function printTable(results: CaseResult[], institutions: number, hazards: number, floorP50: number) {
  const cell = (value: number | null) => (value === null ? "—" : value.toFixed(2)).padStart(9);
  log("");
  log(`医安基准 — ${institutions.toLocaleString("en")} 家机构、${hazards.toLocaleString("en")} 条隐患，每项 ${ITERATIONS} 次（预热 ${WARMUP} 次），顺序请求`);
  log(`列表目标：API p95 ≤ ${GOAL_P95_MS} ms，且 API p50 ≤ ${GOAL_RATIO} × SQL p50 + floor p50（本次 floor p50 = ${floorP50} ms）`);
  log("");
  log(`${"case".padEnd(44)}${"API p50".padStart(9)}${"API p95".padStart(9)}${"SQL p50".padStart(9)}${"SQL p95".padStart(9)}${"ratio".padStart(9)}  result`);
  for (const r of results)
    log(`${padEnd(r.name, 44)}${cell(r.p50_ms)}${cell(r.p95_ms)}${cell(r.sql_p50_ms)}${cell(r.sql_p95_ms)}${cell(r.ratio)}  ${r.verdict}`);
  const misses = results.filter((r) => r.verdict.startsWith("MISS")).length;
  log("");
  log(misses === 0 ? "全部达标" : `${misses} 项未达标`);
}
