/**
 * Writes docs/openapi.json from the routes' zod schemas: npm run openapi.
 * Committed so API changes show in review; a test fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { buildApp } from "../src/server/app";
import { loadConfig } from "../src/server/config";
import { connectDatabase } from "../src/server/platform/db";

export const OPENAPI_FILE = "docs/openapi.json";

// The description needs the routes, not a database: the pool never connects.
const database = connectDatabase("postgres://unused@127.0.0.1:1/unused");
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: "silent" }), db: database.db });
await app.ready();
writeFileSync(OPENAPI_FILE, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await database.close();
console.log(`wrote ${OPENAPI_FILE}`);
