/**
 * npm run seed [-- --scale demo|province] [--hazards N]
 * Loads generated data into an empty database (embedded under DATA_DIR, or DATABASE_URL); the
 * province scale also gets about N hazards over three years (2,000,000 unless given, as the bench)
 * and the three years of quarterly campaigns with their inspections (generate-inspections.ts).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { JurisdictionDirectory } from "../modules/jurisdictions/directory";
import { closeDatabase, openDatabase } from "../platform/bootstrap";
import { systemClock } from "../platform/clock";
import { diskFileStore, fileStoreRoot } from "../platform/files/file-store";
import { generateHazards } from "./generate-hazards";
import { generateInspections } from "./generate-inspections";
import { DEMO_PASSWORD, isDatabaseEmpty, type SeedScale, seed } from "./seed";

const { values } = parseArgs({ options: { scale: { type: "string", default: "demo" }, hazards: { type: "string", default: "2000000" } } });
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
    const accounts = await seed({ db: database.db, files: diskFileStore(fileStoreRoot(config)) }, values.scale as SeedScale);
    if (values.scale === "province") {
      const recorder = await database.db.query.appUser.findFirst({ where: (user, { eq }) => eq(user.username, "hn_inspector") });
      if (!recorder) throw new Error("the seed has no hn_inspector");
      const directory = new JurisdictionDirectory();
      const today = systemClock.today();
      const hazards = await generateHazards(database.db, directory, { total: Number(values.hazards), today, recordedBy: recorder.id });
      console.log(`已生成 ${hazards} 条隐患`);
      const generated = await generateInspections(database.db, directory, { today, recordedBy: recorder.id });
      console.log(
        `已生成 ${generated.campaigns} 项检查工作、${generated.assignments} 条检查任务、${generated.inspections} 份检查记录（关联 ${generated.linkedHazards} 条隐患）`,
      );
    }
    console.log(`已写入 ${values.scale} 数据，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒；${accounts.length} 个演示账户，密码 ${DEMO_PASSWORD}`);
  }
} finally {
  await closeDatabase(database);
}
