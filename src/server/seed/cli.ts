/**
 * npm run seed [-- --scale demo|province]
 * Loads generated data into an empty database (embedded under DATA_DIR, or DATABASE_URL).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { closeDatabase, openDatabase } from "../platform/bootstrap";
import { DEMO_PASSWORD, isDatabaseEmpty, type SeedScale, seed } from "./seed";

const { values } = parseArgs({ options: { scale: { type: "string", default: "demo" } } });
if (values.scale !== "demo" && values.scale !== "province") {
  console.error("--scale 只能是 demo 或 province");
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config);
try {
  if (!(await isDatabaseEmpty(database.db))) {
    console.error(`数据库已有机构数据，未写入。请换一个空的数据目录，例如：DATA_DIR=./data/${values.scale} npm run seed -- --scale ${values.scale}`);
    process.exitCode = 1;
  } else {
    const started = Date.now();
    const accounts = await seed(database.db, values.scale as SeedScale);
    console.log(`已写入 ${values.scale} 数据，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒；${accounts.length} 个演示账户，密码 ${DEMO_PASSWORD}`);
  }
} finally {
  await closeDatabase(database);
}
