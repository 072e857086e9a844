/**
 * npx tsx scripts/screenshots.ts [baseURL] [name filter] — screenshots of the main pages as each kind of user
 * sees them, at 1440×900 and 390×844, into docs/screenshots/. Run it against a server on the demo
 * data (npm start) to look at what changed before a change is done.
 */
import { mkdirSync } from "node:fs";
import { type Browser, chromium as playwright } from "@playwright/test";
import chromium from "@sparticuz/chromium";

const BASE = process.argv[2] ?? "http://127.0.0.1:3000";
/** Only the shots whose name contains this, to look again at the pages just changed. */
const ONLY = process.argv[3] ?? "";
const OUT = "docs/screenshots";
const PASSWORD = "Yian@2026";

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

interface Shot {
  name: string;
  user: string;
  path: string;
  /** Something on the page that shows it has loaded. */
  ready: string;
  /**
   * A record's page, reached through the first link of the list (its id differs in every database),
   * with `query` added to its address (a tab of the page); skipped when the list has no record.
   */
  follow?: { link: string; ready: string; query?: string };
}

const SHOTS: Shot[] = [
  { name: "login", user: "", path: "/login", ready: "text=登录" },
  { name: "home-province", user: "hn_admin", path: "/", ready: ".ant-table, .yian-matrix-row" },
  { name: "home-city", user: "kf_admin", path: "/?by=group", ready: ".ant-table, .yian-matrix-row" },
  { name: "home-county", user: "lk_admin", path: "/", ready: ".ant-table, .yian-matrix-row" },
  { name: "home-institution", user: "lkyy_admin", path: "/", ready: "text=安保力量" },
  { name: "my-institution", user: "lkyy_admin", path: "/my-institution?tab=accounts", ready: "text=账户管理" },
  { name: "institutions-province", user: "hn_admin", path: "/institutions?sort=beds&order=desc", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  { name: "institutions-county", user: "lk_admin", path: "/institutions?typeGroup=hospital", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  // On province-scale data (npm run bench's folder) this term matches more than the count goes to.
  { name: "institutions-common-term", user: "hn_admin", path: "/institutions?q=卫生", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  { name: "institutions-empty", user: "lk_admin", path: "/institutions?q=不存在的机构", ready: "text=清除筛选条件" },
  { name: "institution-detail", user: "lk_admin", path: "/institutions?q=兰考县人民医院", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  { name: "users", user: "kf_admin", path: "/users", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  { name: "audit", user: "sysadmin", path: "/audit", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  { name: "listings-city", user: "kf_admin", path: "/hazard-listings?view=to_list", ready: ".ant-table, .yian-row-card, .ant-empty" },
  { name: "common-problems", user: "kf_admin", path: "/common-problems?from=2026-01-01&to=2026-12-31", ready: ".ant-table" },
  { name: "checklists", user: "lk_admin", path: "/checklists", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  {
    name: "checklist-review",
    user: "lk_admin",
    path: "/checklists?scored=true",
    ready: ".ant-table-tbody .ant-table-row, .yian-row-card",
    follow: { link: ".ant-table-tbody a, .yian-row-card a", ready: "text=版本记录" },
  },
  { name: "checklist-new", user: "lk_admin", path: "/checklists/new", ready: "text=增加检查项" },
  { name: "settings-hazards", user: "lk_admin", path: "/settings/hazards", ready: "text=隐患类别" },
  { name: "settings-calendar", user: "sysadmin", path: "/settings/calendar", ready: "text=工作日历" },
  { name: "notifications", user: "lkyy_admin", path: "/notifications", ready: "text=消息" },
  { name: "hazards-ledger", user: "lk_inspector", path: "/hazards", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  { name: "hazards-review", user: "lk_inspector", path: "/hazards/review", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  { name: "hazard-record", user: "lk_inspector", path: "/hazards/new", ready: "text=发现情况" },
  {
    name: "hazard-major",
    user: "lk_inspector",
    path: "/hazards?grade=major",
    ready: ".ant-table-tbody .ant-table-row, .yian-row-card",
    follow: { link: ".ant-table-tbody a, .yian-row-card a", ready: "text=办理记录" },
  },
  {
    name: "hazard-closed",
    user: "lk_inspector",
    path: "/hazards?state=closed",
    ready: ".ant-table-tbody .ant-table-row, .yian-row-card",
    follow: { link: ".ant-table-tbody a, .yian-row-card a", ready: "text=办理记录" },
  },
  { name: "my-hazards", user: "lkyy_admin", path: "/my-hazards", ready: ".ant-table-tbody .ant-table-row, .yian-row-card" },
  {
    name: "my-hazard-extension",
    user: "lkyy_admin",
    path: "/my-hazards?state=rectifying",
    ready: ".ant-table-tbody .ant-table-row, .yian-row-card",
    follow: { link: ".ant-table-tbody a, .yian-row-card a", ready: "text=办理记录" },
  },
  { name: "campaigns", user: "lk_admin", path: "/campaigns", ready: ".ant-table, .yian-row-card, .ant-empty" },
  // A campaign's page and its tabs, once the demo has a campaign (planned in the UI or by the browser tests).
  ...[
    { tab: "assignments", ready: "#assignments" },
    { tab: "coverage", ready: ".ant-table, .yian-matrix-row" },
    { tab: "groups", ready: "text=新建工作组" },
    { tab: "draws", ready: "text=每家检查人员" },
  ].map(({ tab, ready }) => ({
    name: `campaign-${tab}`,
    user: "lk_admin",
    path: "/campaigns",
    ready: ".ant-table, .yian-row-card, .ant-empty",
    follow: { link: ".ant-table-tbody a, .yian-row-card a", ready, query: tab === "assignments" ? undefined : `?tab=${tab}` },
  })),
  {
    name: "campaign-quarterly",
    user: "lk_admin",
    path: "/campaigns?kind=quarterly",
    ready: ".ant-table, .yian-row-card, .ant-empty",
    follow: { link: ".ant-table-tbody a, .yian-row-card a", ready: "#assignments" },
  },
  { name: "coverage", user: "lk_admin", path: "/coverage", ready: "text=应覆盖机构" },
  { name: "inspections", user: "lk_inspector", path: "/inspections", ready: ".ant-table, .yian-row-card, .ant-empty" },
  {
    name: "inspection-detail",
    user: "lk_inspector",
    // The earliest of the demo's inspections is the one with two findings.
    path: "/inspections?sort=inspectedOn&order=asc",
    ready: ".ant-table-tbody .ant-table-row, .yian-row-card",
    follow: { link: "button:has-text('查看'), a:has-text('查看')", ready: "text=现场整改意见" },
  },
  { name: "my-assignments", user: "lkyy_admin", path: "/my-assignments", ready: ".ant-table, .yian-row-card, .ant-empty" },
  { name: "experts", user: "lk_admin", path: "/experts", ready: ".ant-table, .yian-row-card, .ant-empty" },
];

async function shoot(browser: Browser, shot: Shot, device: keyof typeof VIEWPORTS) {
  const context = await browser.newContext({
    viewport: VIEWPORTS[device],
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    deviceScaleFactor: device === "phone" ? 2 : 1,
  });
  const page = await context.newPage();
  if (shot.user) {
    await page.goto(`${BASE}/login`);
    await page.getByLabel("用户名").fill(shot.user);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }
  await page.goto(`${BASE}${shot.path}`);
  await page.locator(shot.ready).first().waitFor({ timeout: 15_000 });
  if (shot.name === "institution-detail") {
    await page.getByRole("link", { name: "兰考县人民医院" }).first().click();
    await page.getByText("安保力量").waitFor();
  }
  if (shot.follow) {
    const link = page.locator(shot.follow.link).first();
    // The list may still be loading: a record's link is waited for a while before the shot is skipped.
    if (
      !(await link.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await context.close();
      return "no record";
    }
    await link.click();
    await page.waitForURL((url) => url.pathname !== shot.path);
    if (shot.follow.query) await page.goto(`${page.url()}${shot.follow.query}`);
    await page.locator(shot.follow.ready).first().waitFor();
  }
  await page.waitForTimeout(600);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: `${OUT}/${shot.name}-${device}.png` });
  await context.close();
  return overflow;
}

mkdirSync(OUT, { recursive: true });
const browser = await playwright.launch({
  executablePath: await chromium.executablePath(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  for (const shot of SHOTS.filter((candidate) => candidate.name.includes(ONLY))) {
    for (const device of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
      const overflow = await shoot(browser, shot, device);
      if (overflow === "no record") console.log(`${shot.name}-${device}.png  — 跳过：列表中没有可打开的记录`);
      else console.log(`${shot.name}-${device}.png${overflow > 0 ? `  ⚠ 页面横向溢出 ${overflow}px` : ""}`);
    }
  }
} finally {
  await browser.close();
}
