import { type APIRequestContext, expect, type Locator, type Page, request } from "@playwright/test";

/** Password of every demo account (src/db/seed/seed.ts); copied so the tests load no server code. */
export const DEMO_PASSWORD = "Yian@2026";

/** A suffix that keeps names made by one run apart from every other run's. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

/** The first 17 characters of a credit code no other run will have used; the 18th is its check character. */
export const freshCreditCodeBody = () => `52410225${String(Date.now()).slice(-9)}`;

/**
 * antd spaces out two-character Chinese button labels ("登 录"), so a button is found by its
 * characters with any spacing between them; an icon before the label adds its own name ("edit 编 辑").
 */
export function button(scope: Page | Locator, label: string): Locator {
  const spaced = [...label].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s*");
  return scope.getByRole("button", { name: new RegExp(`(^|\\s)${spaced}\\s*$`) });
}

export async function submitLogin(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await button(page, "登录").click();
}

/** Logs in through the login page and waits until the app has left it. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await submitLogin(page, username, password);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: /退出/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Picks an option of the antd Select labelled `label` inside `form` (the options render in a popup at the page's end). */
export async function chooseOption(form: Locator, label: string, option: string, search?: string) {
  const field = form.getByLabel(label);
  await field.click();
  if (search) await field.fill(search);
  await form.page().locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first().click();
}

/** An API client signed in as `username`, for setting up or checking data beside what the page shows. */
export async function apiAs(baseURL: string, username: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const session = await (await api.get("/api/auth/session")).json();
  const response = await api.post("/api/auth/login", { data: { username, password }, headers: { "x-csrf-token": session.csrfToken } });
  expect(response.ok()).toBe(true);
  return api;
}

export async function findInstitutions(api: APIRequestContext, q: string): Promise<{ id: string; name: string }[]> {
  const response = await api.get("/api/institutions", { params: { q } });
  expect(response.ok()).toBe(true);
  return (await response.json()).items;
}
