/**
 * Fails when src/db/schema.ts has changes that no committed migration holds: generates
 * into a scratch copy of the migrations folder and looks for a new file.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const committed = path.resolve("src/db/migrations");
// drizzle-kit reads --out relative to the project, so the scratch copy lives inside it (git-ignored).
const scratch = `.tmp/migrations-check-${process.pid}`;
mkdirSync(".tmp", { recursive: true });
try {
  cpSync(committed, scratch, { recursive: true });
  execFileSync("npx", ["drizzle-kit", "generate", "--dialect", "postgresql", "--schema", "./src/db/schema.ts", "--out", scratch], { stdio: "pipe" });
  const added = readdirSync(scratch).filter((f) => !readdirSync(committed).includes(f));
  if (added.length > 0) {
    console.error(`schema.ts has changes without a migration (drizzle-kit would add ${added.join(", ")}). Run: npm run db:generate -- --name <what-changed>`);
    process.exitCode = 1;
  } else {
    console.log("migrations match the schema");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
