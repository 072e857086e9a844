/**
 * Starts the real server for the browser tests on a database of its own, recreated from the demo
 * seed on every run so tests never see another run's leftovers. Its PORT comes from
 * playwright.config.ts, which also points the browser at it.
 */
import { rmSync } from "node:fs";

const DATA_DIR = "./data/e2e";
rmSync(DATA_DIR, { recursive: true, force: true });
Object.assign(process.env, { DATA_DIR, EMBEDDED_PG_PORT: "54391", SEED: "demo", LOG_LEVEL: "warn" });

// Imported only now: the server reads its configuration from the environment as it loads.
await import("../src/server/main");
