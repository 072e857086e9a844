/**
 * npm run bench — the institution list endpoint against its own SQL, at province scale.
 *
 * Builds (first run) or reuses the province-scale data set in its own cluster, starts the real
 * app on loopback, signs in as the province, city and county users over HTTP, and for every case
 * times, interleaved and sequentially:
 *   API  GET /api/institutions?… through Node's fetch (HTTP + session lookup + validation + the two
 *        queries + JSON serialisation), until the whole body has been received;
 *   SQL  the very statements the endpoint runs (built with the same functions from queries.ts and
 *        Drizzle's toSQL()), sent through a `pg` Pool the way the endpoint sends them: page and
 *        count in parallel on two connections, rows in array mode.
 * Prints p50/p95 of both and the ratio, and writes bench/results/latest.json. See bench/README.md.
 *
 * Environment: BENCH_DATA_DIR (default ./data/bench), EMBEDDED_PG_PORT (default 54393),
 * DATABASE_URL (an external database instead of the embedded cluster), BENCH_ITERATIONS (200),
 * BENCH_WARMUP (20).
 */
import { mkdir, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { InstitutionListQuery } from "../src/contracts/institutions";
import { DEMO_PASSWORD, isDatabaseEmpty, seed } from "../src/db/seed/seed";
import { buildApp } from "../src/server/app";
import { loadConfig } from "../src/server/config";
import { institutionCountQuery, institutionListCondition, institutionPageQuery } from "../src/server/modules/institutions/queries";
import { JurisdictionDirectory } from "../src/server/modules/jurisdictions/directory";
import { type Scope, scopeOf } from "../src/server/platform/access";
import { lookupSession, SESSION_COOKIE } from "../src/server/platform/auth/sessions";
import { closeDatabase, openDatabase } from "../src/server/platform/bootstrap";
import { ApiClient } from "./lib/http-client";
import { ms, summarise } from "./lib/stats";

const GOAL_P95_MS = 50;
const GOAL_RATIO = 1.5;
/** Below this the data set is not province scale and the goals say nothing. */
const MIN_INSTITUTIONS = 70_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RESULTS_FILE = new URL("./results/latest.json", import.meta.url);
/** The page size the endpoint uses when none is asked for, as the cases do. */
const DEFAULT_PAGE_SIZE = InstitutionListQuery.parse({}).pageSize;

const USERS = { province: "hn_admin", city: "kf_admin", county: "lk_admin" } as const;
type Level = keyof typeof USERS;

interface CaseSpec {
  name: string;
  level: Level;
  /** Query string parameters; `page: "last"` is resolved from the count before timing. */
  params: Record<string, string>;
}

const CASES: CaseSpec[] = [];
for (const level of ["province", "city", "county"] as const) {
  CASES.push(
    { name: `${level}/first-page`, level, params: {} },
    { name: `${level}/type=village_clinic`, level, params: { type: "village_clinic" } },
    { name: `${level}/grade=grade2`, level, params: { grade: "grade2" } },
    { name: `${level}/q=人民医院`, level, params: { q: "人民医院" } },
    // Two characters: too short for a trigram, and found in most names.
    { name: `${level}/q=卫生`, level, params: { q: "卫生" } },
    // Two characters, a town name: too short for a trigram, and rare.
    { name: `${level}/q=城关`, level, params: { q: "城关" } },
    level === "county" ? { name: `${level}/last-page`, level, params: { page: "last" } } : { name: `${level}/page-100`, level, params: { page: "100" } },
  );
}

const log = (line: string) => console.log(line);
const dataDir = process.env.BENCH_DATA_DIR ?? "./data/bench";
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "54393",
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});

log(config.DATABASE_URL ? "数据库：DATABASE_URL" : `数据库：内嵌 PostgreSQL，目录 ${dataDir}，端口 ${config.EMBEDDED_PG_PORT}`);
const database = await openDatabase(config);
// The bench's own connections for the SQL side, sized like the endpoint needs them (page + count).
const sqlPool = new pg.Pool({ connectionString: database.url, max: 2 });
let app: Awaited<ReturnType<typeof buildApp>> | undefined;

try {
  if (await isDatabaseEmpty(database.db)) {
    log("数据库为空，正在生成省级规模数据（约 8 万家机构）…");
    const started = performance.now();
    await seed(database.db, "province");
    log(`已生成，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  } else {
    log("复用已有数据");
  }
  // Fresh statistics and visibility map (also after a migration rewrote the table), as autovacuum
  // would leave them on a settled database; cheap when there is nothing to do.
  await database.pool.query("vacuum (analyze) institution");
  const { rows: countRows } = await database.pool.query<{ n: string }>("select count(*) as n from institution");
  const institutions = Number(countRows[0]?.n ?? 0);
  log(`机构数：${institutions.toLocaleString("en")}`);
  if (institutions < MIN_INSTITUTIONS) {
    throw new Error(`只有 ${institutions} 家机构，不是省级规模；请换一个空目录（BENCH_DATA_DIR）重新生成`);
  }

  app = await buildApp({ config, db: database.db, webRoot: undefined });
  // Two empty routes, only to measure the fixed cost every API request pays (see measureFloor).
  app.get("/__bench/empty", { config: { public: true } }, async () => ({}));
  app.get("/api/__bench/empty", async () => ({}));
  await app.listen({ host: "127.0.0.1", port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const directory = new JurisdictionDirectory();
  const clients = {} as Record<Level, ApiClient>;
  const scopes = {} as Record<Level, Scope>;
  for (const level of Object.keys(USERS) as Level[]) {
    const username = USERS[level];
    clients[level] = new ApiClient(baseUrl);
    await clients[level].login(username, DEMO_PASSWORD);
    scopes[level] = await scopeOfSession(clients[level]);
  }

  const floor = await measureFloor(clients.province);
  const results: CaseResult[] = [];
  for (const spec of CASES) results.push(await runCase(spec, clients[spec.level], scopes[spec.level], directory));
  printTable(results, institutions, floor);
  await mkdir(new URL("./results/", import.meta.url), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  log(`结果已写入 bench/results/latest.json`);
} finally {
  await app?.close();
  await sqlPool.end();
  await closeDatabase(database);
}

/** The scope the endpoint works in for this client: its session looked up as the server looks it up. */
async function scopeOfSession(client: ApiClient): Promise<Scope> {
  const token = client.cookie(SESSION_COOKIE);
  if (!token) throw new Error("the client has no session cookie");
  const found = await lookupSession(database.db, token, config.SESSION_IDLE_MINUTES);
  if (found.status !== "active") throw new Error(`the client's session is ${found.status}`);
  return scopeOf(found.user);
}

/**
 * What any API request costs before its own work: a fetch round trip on loopback to an empty
 * route, and the same under /api/, which adds the session lookup. The list endpoint adds query
 * building, validation and serialisation on top, so its ratio cannot beat (SQL + floor) / SQL.
 */
async function measureFloor(client: ApiClient) {
  const time = async (path: string) => {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP * 5 + ITERATIONS * 2; i++) {
      const started = performance.now();
      const { status } = await client.get(path);
      if (status !== 200) throw new Error(`GET ${path} → ${status}`);
      if (i >= WARMUP * 5) samples.push(performance.now() - started);
    }
    return summarise(samples);
  };
  return { http: await time("/__bench/empty"), session: await time("/api/__bench/empty") };
}

interface CaseResult {
  name: string;
  p50_ms: number;
  p95_ms: number;
  sql_p50_ms: number;
  sql_p95_ms: number;
  /** API p50 / SQL p50 (see printTable for why the medians). */
  ratio: number;
}

async function runCase(spec: CaseSpec, client: ApiClient, scope: Scope, directory: JurisdictionDirectory): Promise<CaseResult> {
  const statementsFor = (params: Record<string, string>) => {
    // Parsed by the route's own schema, so both sides see the same page, filters and defaults.
    const query = InstitutionListQuery.parse(params);
    const where = institutionListCondition(directory, scope, query);
    const page = institutionPageQuery(database.db, where, query).toSQL();
    const total = institutionCountQuery(database.db, where).toSQL();
    return { page: { text: page.sql, values: page.params }, total: { text: total.sql, values: total.params } };
  };
  const runSql = (statements: ReturnType<typeof statementsFor>) =>
    Promise.all([sqlPool.query({ ...statements.page, rowMode: "array" }), sqlPool.query({ ...statements.total, rowMode: "array" })]);

  const params = { ...spec.params };
  if (params.page === "last") {
    const [, counted] = await runSql(statementsFor({ ...params, page: "1" }));
    params.page = String(Math.max(1, Math.ceil(Number(counted.rows[0]?.[0]) / DEFAULT_PAGE_SIZE)));
  }
  const statements = statementsFor(params);
  const path = `/api/institutions?${new URLSearchParams(params)}`;

  // Both sides must answer the same thing before their times are compared.
  const api = await client.get(path);
  if (api.status !== 200) throw new Error(`${spec.name}: GET ${path} → ${api.status} ${new TextDecoder().decode(api.body)}`);
  const body = JSON.parse(new TextDecoder().decode(api.body)) as { items: { id: string }[]; total: number };
  const [pageRows, countRows] = await runSql(statements);
  const sqlIds = pageRows.rows.map((row) => row[0]).join();
  if (body.items.map((i) => i.id).join() !== sqlIds || body.total !== Number(countRows.rows[0]?.[0])) {
    throw new Error(`${spec.name}: the API and the SQL disagree`);
  }

  const timeApi = async () => {
    const started = performance.now();
    const { status } = await client.get(path);
    const elapsed = performance.now() - started;
    if (status !== 200) throw new Error(`${spec.name}: GET ${path} → ${status}`);
    return elapsed;
  };
  const timeSql = async () => {
    const started = performance.now();
    await runSql(statements);
    return performance.now() - started;
  };
  const apiTimes: number[] = [];
  const sqlTimes: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    // Interleaved, alternating which goes first, so both share the same conditions.
    let apiTime: number;
    let sqlTime: number;
    if (i % 2 === 0) {
      apiTime = await timeApi();
      sqlTime = await timeSql();
    } else {
      sqlTime = await timeSql();
      apiTime = await timeApi();
    }
    if (i < WARMUP) continue;
    apiTimes.push(apiTime);
    sqlTimes.push(sqlTime);
  }
  const a = summarise(apiTimes);
  const s = summarise(sqlTimes);
  const result = { name: spec.name, p50_ms: ms(a.p50), p95_ms: ms(a.p95), sql_p50_ms: ms(s.p50), sql_p95_ms: ms(s.p95), ratio: ms(a.p50 / s.p50) };
  log(`  ${padEnd(spec.name, 30)} total=${String(body.total).padStart(6)}  API p50 ${result.p50_ms} ms / SQL p50 ${result.sql_p50_ms} ms`);
  return result;
}

/** padEnd by display width: a Chinese character takes two columns in a terminal. */
function padEnd(text: string, width: number): string {
  const shown = [...text].reduce((sum, c) => sum + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
  return text + " ".repeat(Math.max(0, width - shown));
}

function printTable(results: CaseResult[], institutions: number, floor: Awaited<ReturnType<typeof measureFloor>>) {
  const cell = (value: number) => value.toFixed(2).padStart(8);
  log("");
  log(`机构列表接口 vs 直接 SQL — ${institutions.toLocaleString("en")} 家机构，每项 ${ITERATIONS} 次（预热 ${WARMUP} 次），顺序请求`);
  log(`目标：API p95 ≤ ${GOAL_P95_MS} ms；比值 = API p50 / SQL p50 ≤ ${GOAL_RATIO}`);
  log("");
  log(
    `${"case".padEnd(30)}${"API p50".padStart(8)}${"API p95".padStart(8)}${"SQL p50".padStart(8)}${"SQL p95".padStart(8)}${"ratio".padStart(8)}${"p95 rt".padStart(8)}  result`,
  );
  let misses = 0;
  for (const r of results) {
    const reasons = [r.p95_ms > GOAL_P95_MS ? "p95" : "", r.ratio > GOAL_RATIO ? "ratio" : ""].filter(Boolean);
    misses += reasons.length > 0 ? 1 : 0;
    log(
      `${padEnd(r.name, 30)}${cell(r.p50_ms)}${cell(r.p95_ms)}${cell(r.sql_p50_ms)}${cell(r.sql_p95_ms)}${cell(r.ratio)}${cell(r.p95_ms / r.sql_p95_ms)}  ${reasons.length ? `MISS (${reasons.join(", ")})` : "PASS"}`,
    );
  }
  log("");
  // Why the ratio of the medians: it measures what the endpoint adds to its SQL on a typical
  // request (HTTP, session lookup, validation, serialisation). The two p95s come from tail events
  // (GC pauses, scheduling, a checkpoint) that rarely hit the same iteration on both sides, so
  // their quotient swings from run to run; the tail is held by the absolute p95 goal instead.
  // "p95 rt" (API p95 / SQL p95) is printed for information only.
  log(
    `固定开销（空路由）：HTTP 往返 p50 ${ms(floor.http.p50)} ms / p95 ${ms(floor.http.p95)} ms；加会话查询 p50 ${ms(floor.session.p50)} ms / p95 ${ms(floor.session.p95)} ms`,
  );
  log(`  SQL p50 低于约 ${ms(2 * floor.session.p50)} ms（两倍固定开销）的用例，比值不可能 ≤ ${GOAL_RATIO}`);
  log("ratio = API p50 / SQL p50（中位数稳定，反映每次请求的固定开销；尾部延迟由 p95 ≤ 50 ms 约束）；p95 rt = API p95 / SQL p95，仅供参考");
  log(misses === 0 ? "全部达标" : `${misses} 项未达标`);
}
