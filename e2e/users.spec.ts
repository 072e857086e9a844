import { expect, test } from "@playwright/test";
import { button, login, queryForm, tableRows, unique } from "./support";

test("a manager's own row offers no password reset, the role filter only assignable roles, and a rename shows at once", async ({ page }) => {
  const newName = `开封市管理员${unique()}`;
  await login(page, "kf_admin");
  await page.getByRole("menuitem", { name: "用户管理" }).click();
  const form = queryForm(page);

  // A health commission's administrator cannot hand out, so cannot filter by, the system administrator role.
  await form.getByLabel("角色").click();
  const roleOptions = page.locator(".ant-select-dropdown:visible .ant-select-item-option");
  await expect(roleOptions).toHaveText(["监管部门管理员", "监管部门检查员", "机构管理员", "机构工作人员"]);
  await page.keyboard.press("Escape");

  await form.getByLabel("用户").fill("kf_admin");
  await button(form, "查询").click();
  const ownRow = tableRows(page).filter({ hasText: "kf_admin" });
  await expect(ownRow).toHaveCount(1);
  await expect(button(ownRow, "编辑")).toBeVisible();
  await expect(button(ownRow, "重置密码")).toHaveCount(0);

  await button(ownRow, "编辑").click();
  const dialog = page.getByRole("dialog");
  // The form has its initial values once the dialog has opened: only then is a typed name kept.
  await expect(dialog.getByLabel("姓名")).toHaveValue(/开封市/);
  await dialog.getByLabel("姓名").fill(newName);
  const saved = page.waitForResponse((response) => response.request().method() === "PUT" && response.url().includes("/api/users/"));
  await button(dialog, "保存").click();
  // A refused save names its reason here instead of as a dialog that stayed open.
  expect(await (await saved).text()).toContain(newName);
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(".yian-header")).toContainText(newName);
  await page.getByRole("menuitem", { name: "首页" }).click();
  await expect(page.getByRole("heading", { name: `您好，${newName}` })).toBeVisible();
});
