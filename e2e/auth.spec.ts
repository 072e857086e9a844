import { expect, test } from "@playwright/test";
import { button, chooseOption, login, logout, submitLogin, unique } from "./support";

test("a wrong password shows the server's Chinese reason and stays on the login page", async ({ page }) => {
  await submitLogin(page, "hn_inspector", "Wrong@2026");
  await expect(page.getByRole("alert")).toContainText("用户名或密码错误，再失败 4 次将锁定账户");
  await expect(page).toHaveURL(/\/login/);
});

test("a new user must replace the initial password before reaching anything else", async ({ page }) => {
  const username = `e2e_${unique()}`;
  const displayName = `新用户${unique()}`;
  const initialPassword = "Init@2026x";
  const newPassword = "Fresh@2026y";

  await login(page, "lk_admin");
  await page.getByRole("menuitem", { name: "用户管理" }).click();
  await button(page, "新增用户").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("用户名").fill(username);
  await dialog.getByLabel("姓名").fill(displayName);
  await chooseOption(dialog, "角色", "机构工作人员");
  await chooseOption(dialog, "所属机构", "兰考县人民医院", "兰考县人民医院");
  await dialog.getByLabel("初始密码").fill(initialPassword);
  await button(dialog, "创建").click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator(".ant-table-row", { hasText: username });
  await expect(row).toContainText("待修改初始密码");
  await expect(row).toContainText("兰考县人民医院");
  await logout(page);

  await login(page, username, { password: initialPassword });
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByText("首次登录或密码被重置后须先修改密码")).toBeVisible();
  // Nothing else is reachable until the password is changed.
  await page.goto("/institutions");
  await expect(page).toHaveURL(/\/change-password$/);

  await page.getByLabel("当前密码").fill(initialPassword);
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("确认新密码").fill(newPassword);
  await button(page, "确认修改").click();
  await expect(page.getByRole("heading", { name: `您好，${displayName}` })).toBeVisible();

  // An institution's own users find their institution under 本单位, not in a registry.
  await expect(page.getByRole("menuitem", { name: "机构管理" })).toHaveCount(0);
  await page.getByRole("menuitem", { name: "本单位" }).click();
  await expect(page.getByRole("heading", { name: "兰考县人民医院" })).toBeVisible();

  // The new password is the one that works from now on.
  await logout(page);
  await login(page, username, { password: newPassword });
  await expect(page.getByRole("heading", { name: `您好，${displayName}` })).toBeVisible();
});

test("signing out in one tab signs out the app's other tabs", async ({ page }) => {
  await login(page, "lk_inspector");
  await page.getByRole("menuitem", { name: "机构管理" }).click();
  await expect(page.locator(".ant-table-tbody .ant-table-row").first()).toBeVisible();

  const otherTab = await page.context().newPage();
  await otherTab.goto("/");
  await expect(otherTab.getByRole("heading", { name: /您好/ })).toBeVisible();
  await logout(otherTab);

  await expect(page).toHaveURL(/\/login/);
});

test("退出 with a session that has already ended simply shows the login page", async ({ page }) => {
  await login(page, "lk_inspector");
  await expect(page.getByText("在册机构", { exact: true })).toBeVisible();
  // The session ends behind the page's back (as after a timeout): the page still shows the user.
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "yian_csrf")?.value ?? "";
  expect((await page.request.post("/api/auth/logout", { headers: { "x-csrf-token": csrf } })).status()).toBe(204);

  await logout(page);
  await expect(page.locator(".ant-message-notice")).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a login link naming another site leads into the app instead", async ({ page }) => {
  for (const next of ["/\\evil.example", "//evil.example"]) {
    await login(page, "lk_inspector", { next });
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/");
    await logout(page);
  }
});
