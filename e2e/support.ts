import { type APIRequestContext, expect, type Locator, type Page, request } from "@playwright/test";
import { checkCharacterFor } from "../src/domain/credit-code";

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

/** The query form of a list page (labelled fields, 查询 and 重置). */
export const queryForm = (page: Page) => page.getByRole("search", { name: "查询条件" });

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
