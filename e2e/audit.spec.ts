import { expect, test } from "@playwright/test";
import { chooseOption, login } from "./support";

test("the system administrator finds their own login in the audit log, and the filters survive a reload", async ({ page }) => {
  await login(page, "sysadmin");
  await page.getByRole("menuitem", { name: "审计日志" }).click();
  await page.getByLabel("操作人").fill("sysadmin");
  await page.getByLabel("操作人").press("Enter");
  await chooseOption(page.locator("body"), "操作", "登录", "登录");
  await expect(page).toHaveURL(/action=auth\.login/);

  const latest = page.locator(".ant-table-tbody .ant-table-row").first();
  for (const text of ["sysadmin", "登录", "用户 · sysadmin", "成功"]) await expect(latest).toContainText(text);

  await page.reload();
  await expect(page.getByLabel("操作人")).toHaveValue("sysadmin");
  await expect(latest).toContainText("用户 · sysadmin");
});

test("an audit link with half a time range or an unreadable time still lists the records", async ({ page }) => {
  await login(page, "sysadmin");
  const rows = page.locator(".ant-table-tbody .ant-table-row");
  const range = page.getByRole("group", { name: "时间范围" });

  await page.goto("/audit?actor=sysadmin&from=2000-01-01T00:00:00.000%2B08:00");
  await expect(rows.first()).toContainText("sysadmin");
  await expect(range.getByPlaceholder("开始时间")).not.toHaveValue("");
  await expect(range.getByPlaceholder("结束时间")).toHaveValue("");

  await page.goto("/audit?actor=sysadmin&from=not-a-time&to=2999-06-01T12:00:59.999%2B08:00");
  await expect(rows.first()).toContainText("sysadmin");
  await expect(range.getByPlaceholder("开始时间")).toHaveValue("");
  await expect(range.getByPlaceholder("结束时间")).toHaveValue(/^2999-06-01/);

  await page.goto("/audit?actor=sysadmin&to=2000-01-01T00:00:59.999%2B08:00");
  await expect(page.getByText("没有符合条件的记录")).toBeVisible();
});
