import { defineConfig } from "@playwright/test";
import chromium from "@sparticuz/chromium";

/** The server the tests run against: its own port, embedded PostgreSQL port and data folder, rebuilt from the demo seed each run. */
const PORT = 3111;

// No browser download is possible here: a Chromium build shipped inside an npm package is used instead.
const executablePath = await chromium.executablePath();

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    // The users' time zone: times in forms and lists read as they do in China.
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1440, height: 900 },
    // The app's service worker (offline inspections) is tested where it matters (inspections.spec.ts allows it); elsewhere
    // it would only download its precache in every test and take requests that page.route() is meant to see.
    serviceWorkers: "block",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "npx tsx e2e/serve.ts",
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/api/auth/session`,
    // First start creates the PostgreSQL cluster, migrates and seeds.
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    // Lets the server stop its embedded PostgreSQL instead of leaving it running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
