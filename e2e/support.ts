import { type APIRequestContext, expect, type Locator, type Page, request } from "@playwright/test";
import { checkCharacterFor } from "../src/domain/credit-code";
import { TEST_CHECKLIST } from "../src/test/checklist-fixture";

/** Password of every demo account (src/db/seed/seed.ts); copied so the tests load no server code. */
const DEMO_PASSWORD = "Yian@2026";

/** A suffix that keeps names made by one run apart from every other run's. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** The first 17 characters of a credit code no other run will have used; the 18th is its check character. */
export const freshCreditCodeBody = () => `52410225${String(Date.now()).slice(-9)}`;

/** A valid credit code (right check character) no other run will have used. */
export function freshCreditCode(): string {
  const body = freshCreditCodeBody();
  return body + checkCharacterFor(body);
}

/**
 * antd spaces out two-character Chinese button labels ("登 录"), so a button is found by its
 * characters with any spacing between them; an icon before the label adds its own name ("edit 编 辑").
 */
export function button(scope: Page | Locator, label: string): Locator {
  const spaced = [...label].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s*");
  return scope.getByRole("button", { name: new RegExp(`(^|\\s)${spaced}\\s*$`) });
}

/** Fills in and sends the login page, opened with `?next=` when given. */
export async function submitLogin(page: Page, username: string, password: string, next?: string) {
  await page.goto(next === undefined ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await button(page, "登录").click();
}

/** Logs in through the login page and waits until the app has left it. */
export async function login(page: Page, username: string, { password = DEMO_PASSWORD, next }: { password?: string; next?: string } = {}) {
  await submitLogin(page, username, password, next);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: /退出/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * Opens an entry of the side menu that sits in a group (督导检查), opening the group first when it is
 * closed; on a phone the menu is in its drawer, opened first.
 */
export async function openGroupedMenu(page: Page, group: string, entry: string) {
  const drawerButton = page.getByRole("button", { name: "打开菜单" });
  // The layout first: a phone has the drawer's button, a desk the side menu.
  await expect(drawerButton.or(page.locator(".yian-sider"))).toBeVisible();
  const onPhone = await drawerButton.isVisible();
  if (onPhone) await drawerButton.click();
  const heading = page.getByRole("menuitem", { name: group });
  if ((await heading.getAttribute("aria-expanded")) !== "true") await heading.click();
  await expect(heading).toHaveAttribute("aria-expanded", "true");
  // The entry's link, once the group has finished opening (a click on an entry still sliding in can miss it).
  const link = page.getByRole("menuitem", { name: entry }).getByRole("link");
  await expect(link).toBeVisible();
  const path = await link.getAttribute("href");
  await link.click();
  if (path) await expect(page).toHaveURL((url) => url.pathname === path);
  // The drawer gives the focus back to its button once it has closed: a field typed into before then would lose it.
  if (onPhone) await expect(page.locator(".ant-drawer-content-wrapper")).toBeHidden();
}

/** The query form of a list page (labelled fields, 查询 and 重置). */
export const queryForm = (scope: Page | Locator) => scope.getByRole("search", { name: "查询条件" });

/** Searches the institution list (the page must show it) as a user does: type a name, then 查询. */
export async function searchInstitutions(page: Page, q: string) {
  const form = queryForm(page);
  await form.getByLabel("机构名称").fill(q);
  await button(form, "查询").click();
}

/** The rows of the list on the page, as table rows on a wide screen. */
export const tableRows = (page: Page) => page.locator(".ant-table-tbody .ant-table-row");

/** Picks an option of the antd Select labelled `label` inside `form` (the options render in a popup at the page's end). */
export async function chooseOption(form: Locator, label: string, option: string, search?: string) {
  const field = form.getByLabel(label, { exact: true });
  await field.click();
  if (search) await field.fill(search);
  await form.page().locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first().click();
}

/**
 * Runs `use` with an API client signed in as `username`, for setting up or checking data beside
 * what the page shows; the client is disposed of however `use` ends.
 */
export async function withApiAs<T>(baseURL: string, username: string, use: (api: APIRequestContext) => Promise<T>): Promise<T> {
  const api = await request.newContext({ baseURL });
  try {
    const session = await (await api.get("/api/auth/session")).json();
    const response = await api.post("/api/auth/login", { data: { username, password: DEMO_PASSWORD }, headers: { "x-csrf-token": session.csrfToken } });
    expect(response.ok()).toBe(true);
    return await use(api);
  } finally {
    await api.dispose();
  }
}

export async function findInstitutions(api: APIRequestContext, q: string): Promise<{ id: string; name: string }[]> {
  const response = await api.get("/api/institutions", { params: { q } });
  expect(response.ok()).toBe(true);
  return (await response.json()).items;
}

/** The e2e server's embedded database (e2e/serve.ts: port 54391; the cluster's own user and database). */
const E2E_DATABASE_URL = "postgres://yian:yian-embedded@127.0.0.1:54391/yian";

/**
 * A campaign of an authority over one institution, with a small checklist, written straight into
 * the e2e server's database (the campaign pages are another area's; this stands in for them).
 */
export async function makeCampaignInDatabase(options: { authorityCode: string; institutionName: string; name: string }) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    // The phone form prefills a hazard's grade from its item's hint: a general one needs no 五落实 plan.
    const content = {
      sections: TEST_CHECKLIST.sections.map((section) => ({ ...section, items: section.items.map((item) => ({ ...item, gradeHint: "general" })) })),
    };
    const { rows: institutions } = await client.query("select id, jurisdiction_path from institution where name = $1", [options.institutionName]);
    const { rows: authorities } = await client.query("select path from jurisdiction where code = $1", [options.authorityCode]);
    const { rows: checklists } = await client.query("insert into checklist (authority_code, name) values ($1, $2) returning id", [
      options.authorityCode,
      `${options.name}检查表`,
    ]);
    const { rows: versions } = await client.query(
      "insert into checklist_version (checklist_id, version, content, item_count) values ($1, 1, $2, $3) returning id",
      [checklists[0].id, JSON.stringify(content), content.sections.flatMap((section) => section.items).length],
    );
    const { rows: campaigns } = await client.query(
      `insert into campaign (authority_code, authority_path, name, kind, period_start, period_end, scope_rule)
       values ($1, $2, $3, 'quarterly', current_date - 30, current_date + 30, $4) returning id`,
      [options.authorityCode, authorities[0].path, options.name, JSON.stringify({ institutionIds: [institutions[0].id] })],
    );
    await client.query("insert into campaign_checklist (campaign_id, checklist_version_id, ordinal) values ($1, $2, 0)", [campaigns[0].id, versions[0].id]);
    await client.query(
      `insert into campaign_assignment (campaign_id, institution_id, jurisdiction_path, window_start, window_end)
       values ($1, $2, $3, current_date - 30, current_date + 30)`,
      [campaigns[0].id, institutions[0].id, institutions[0].jurisdiction_path],
    );
    return { campaignId: campaigns[0].id as string, institutionId: institutions[0].id as string };
  } finally {
    await client.end();
  }
}
