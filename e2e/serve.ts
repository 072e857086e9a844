/**
 * Starts the real server for the browser tests on a database of its own, recreated from the demo
 * seed on every run so tests never see another run's leftovers. Its PORT comes from
 * playwright.config.ts, which also points the browser at it.
 */
import { rmSync } from "node:fs";
import { chooseDataDir } from "../src/server/platform/data-dir";

// data/e2e in the project, or under /var/lib/yian when the postgres user cannot enter it; never the user's DATA_DIR.
const { dir: DATA_DIR, notice } = chooseDataDir({ purpose: "e2e" });
if (notice) console.log(notice);
rmSync(DATA_DIR, { recursive: true, force: true });
Object.assign(process.env, { DATA_DIR, EMBEDDED_PG_PORT: "54391", SEED: "demo", LOG_LEVEL: "warn" });

// Imported only now: the server reads its configuration from the environment as it loads.
await import("../src/server/main");
