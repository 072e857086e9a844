import { expect, test } from "@playwright/test";
import { button, chooseOption, login, queryForm, tableRows } from "./support";

test("the system administrator finds their own login in the audit log, in words, and the query survives a reload", async ({ page }) => {
  await login(page, "sysadmin");
  await page.getByRole("menuitem", { name: "审计日志" }).click();
  await expect(page).toHaveTitle("审计日志 - 医安");
  const form = queryForm(page);
  await form.getByLabel("操作人").fill("sysadmin");
  await chooseOption(form, "操作", "登录", "登录");
  await button(form, "查询").click();
  await expect(page).toHaveURL(/action=auth\.login/);

  const latest = tableRows(page).first();
  for (const text of ["sysadmin", "登录", "用户 · sysadmin", "成功"]) await expect(latest).toContainText(text);

  await page.reload();
  await expect(queryForm(page).getByLabel("操作人")).toHaveValue("sysadmin");
  await expect(latest).toContainText("用户 · sysadmin");
});

test("an audit link with half a time range lists its records; an unreadable time is named and cleared in one click", async ({ page }) => {
  await login(page, "sysadmin");
  const rows = tableRows(page);
  const form = queryForm(page);

  await page.goto("/audit?actor=sysadmin&from=2000-01-01T00:00:00.000%2B08:00");
  await expect(rows.first()).toContainText("sysadmin");
  await expect(form.getByLabel("开始时间")).toHaveValue("2000-01-01 00:00");
  await button(form, "展开").click();
  await expect(form.getByLabel("结束时间")).toHaveValue("");

  // A bound the server cannot read is named, and clearing the filters lists the records again.
  await page.goto("/audit?actor=sysadmin&from=not-a-time&to=2999-06-01T12:00:59.999%2B08:00");
  await expect(page.getByText(/^开始时间：应为日期时间/)).toBeVisible();
  await button(page, "清除筛选条件").click();
  await expect(rows.first()).toBeVisible();

  await page.goto("/audit?actor=sysadmin&to=2000-01-01T00:00:59.999%2B08:00");
  await expect(page.getByText("没有符合条件的记录")).toBeVisible();
  await expect(button(page, "清除筛选条件")).toBeVisible();
});
