import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { checkCharacterFor } from "../src/domain/credit-code";
import {
  button,
  chooseOption,
  findInstitutions,
  freshCreditCode,
  freshCreditCodeBody,
  login,
  searchInstitutions,
  tableRows,
  unique,
  withApiAs,
} from "./support";

const HOSPITAL = "兰考县人民医院";

test("county admin finds an institution by its Chinese name, edits it and sees the saved values", async ({ page }) => {
  const contact = `测试联系人${unique()}`;
  await login(page, "lk_admin");
  await page.getByRole("menuitem", { name: "机构管理" }).click();
  await searchInstitutions(page, "人民医院");
  await expect(page).toHaveURL(/q=%E4%BA%BA%E6%B0%91%E5%8C%BB%E9%99%A2/);
  await page.getByRole("link", { name: HOSPITAL }).click();
  await expect(page.getByRole("heading", { name: HOSPITAL })).toBeVisible();
  await expect(page).toHaveTitle(`${HOSPITAL} - 医安`);

  await button(page, "编辑").click();
  await expect(page.getByRole("heading", { name: "编辑机构" })).toBeVisible();
  await page.getByLabel("联系人").fill(contact);
  await page.getByLabel("床位数").fill("1234");
  await button(page, "保存").click();

  await expect(page.getByRole("heading", { name: HOSPITAL })).toBeVisible();
  await expect(page).toHaveURL(/\/institutions\/[0-9a-f-]{36}$/);
  const details = page.locator(".ant-descriptions");
  await expect(details.getByText(contact)).toBeVisible();
  await expect(details.getByText("1234", { exact: true })).toBeVisible();

  // Saved on the server, not only shown: a reload reads it back.
  await page.reload();
  await expect(details.getByText(contact)).toBeVisible();

  // The change is in the institution's history, in words.
  await page.getByRole("tab", { name: "变更记录" }).click();
  await expect(tableRows(page).first()).toContainText(`联系人：`);
  await expect(tableRows(page).first()).toContainText(`→ ${contact}`);
  await expect(tableRows(page).first()).toContainText("床位数：");
});

test("another county's admin neither finds nor opens a 兰考 institution", async ({ page, baseURL }) => {
  const [hospital] = await withApiAs(baseURL as string, "lk_admin", (lankao) => findInstitutions(lankao, HOSPITAL));
  expect(hospital?.name).toBe(HOSPITAL);

  await login(page, "qx_admin");
  await page.goto("/institutions");
  await searchInstitutions(page, "兰考");
  await expect(page.getByText("没有符合条件的记录")).toBeVisible();
  await expect(tableRows(page)).toHaveCount(0);

  await page.goto(`/institutions/${hospital?.id}`);
  await expect(page.getByText("页面不存在")).toBeVisible();
  await expect(page.getByText("机构不存在，或不在您的管辖范围内。")).toBeVisible();
  await expect(page.getByText(HOSPITAL)).toHaveCount(0);
});

test("an institution's administrator updates its security staffing on 本单位 but cannot change its registration", async ({ page }) => {
  await login(page, "lkyy_admin");
  await page.getByRole("menuitem", { name: "本单位" }).click();
  await expect(page.getByRole("heading", { name: HOSPITAL })).toBeVisible();
  await button(page, "编辑").click();
  await expect(page.getByText(/由监管部门维护/)).toBeVisible();
  for (const label of ["机构名称", "统一社会信用代码", "机构类型", "等级", "所有制"]) await expect(page.getByLabel(label)).toBeDisabled();
  const field = page.getByLabel("保安人数");
  // Always another number than the one saved, so the check below cannot pass on the old value.
  const guards = String(Number(await field.inputValue()) + 1 + Math.floor(Math.random() * 50));
  await field.fill(guards);
  await button(page, "保存").click();
  await expect(page.getByRole("heading", { name: HOSPITAL })).toBeVisible();
  const shown = page.locator('.ant-descriptions th:has-text("保安人数") + td');
  await expect(shown).toHaveText(guards);

  // Saved on the server, not only shown: a reload reads it back.
  await page.reload();
  await expect(shown).toHaveText(guards);
});

test("an institution's staff have a home for their own institution, see its record and history, and cannot edit it", async ({ page }) => {
  await login(page, "lkyy_staff");
  await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
  // Their home is their institution: its figures and its security staffing against the rule.
  await expect(page.getByText("安保力量")).toBeVisible();
  await expect(page.getByText(/按规定至少 \d+ 人/)).toBeVisible();
  for (const menu of ["机构管理", "用户管理"]) await expect(page.getByRole("menuitem", { name: menu })).toHaveCount(0);

  await page.getByRole("menuitem", { name: "本单位" }).click();
  await expect(page.getByRole("heading", { name: HOSPITAL })).toBeVisible();
  await expect(page).toHaveTitle("本单位 - 医安");
  await expect(button(page, "编辑")).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "账户管理" })).toHaveCount(0);
  await page.getByRole("tab", { name: "变更记录" }).click();
  await expect(page.getByRole("tabpanel")).toBeVisible();

  await page.goto("/institutions/new");
  await expect(page.getByText("无权访问")).toBeVisible();
});

test("an institution's administrator manages the institution's own accounts on 本单位", async ({ page }) => {
  const username = `lkyy_${unique()}`;
  await login(page, "lkyy_admin");
  await page.goto("/my-institution?tab=accounts");
  await button(page, "新增用户").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("用户名").fill(username);
  await dialog.getByLabel("姓名").fill("本院新同事");
  await chooseOption(dialog, "角色", "机构工作人员");
  await expect(dialog.getByLabel("所属机构")).toBeDisabled();
  await dialog.getByLabel("初始密码").fill("Init@2026x");
  await button(dialog, "创建").click();
  await expect(dialog).toHaveCount(0);
  await expect(tableRows(page).filter({ hasText: username })).toContainText(HOSPITAL);
});

test("a county administrator suspends an institution, finds it under its status, and restores it", async ({ page, baseURL }) => {
  const name = `停业测试诊所${unique()}`;
  await withApiAs(baseURL as string, "lk_admin", async (api) => {
    const session = await (await api.get("/api/auth/session")).json();
    const created = await api.post("/api/institutions", {
      data: {
        name,
        creditCode: freshCreditCode(),
        type: "clinic",
        ownership: "private",
        grade: "ungraded",
        jurisdictionCode: "410225",
        contactPerson: "钱测试",
      },
      headers: { "x-csrf-token": session.csrfToken },
    });
    expect(created.status()).toBe(201);
  });
  await login(page, "lk_admin");
  await page.goto("/institutions");
  await searchInstitutions(page, name);
  // The row the dialog belongs to must be the searched one before its button is pressed.
  await expect(tableRows(page)).toHaveCount(1);
  await expect(tableRows(page).first()).toContainText(name);
  await button(tableRows(page).first(), "注销/停业").click();
  const dialog = page.getByRole("dialog");
  await chooseOption(dialog, "类型", "停业");
  await dialog.getByLabel("原因").fill("停业整顿");
  await button(dialog, "确定").click();
  await expect(page.getByText(`已停业：${name}`)).toBeVisible();
  // Off the register: gone from the list, there under its status.
  await expect(page.getByText("没有符合条件的记录")).toBeVisible();
  await page.goto(`/institutions?q=${encodeURIComponent(name)}&status=suspended`);
  const row = tableRows(page).first();
  await expect(row).toContainText("已停业");
  await row.getByRole("link", { name }).click();
  await expect(page.getByText(/该机构已停业（\d{4}-\d{2}-\d{2}）：停业整顿/)).toBeVisible();
  await expect(button(page, "编辑")).toHaveCount(0);
  await button(page, "恢复").click();
  await page.getByRole("dialog").getByLabel("恢复原因").fill("整顿完成");
  await button(page.getByRole("dialog"), "恢复").click();
  await expect(page.getByText(`已恢复：${name}`)).toBeVisible();
  await expect(page.getByText(/该机构已停业/)).toHaveCount(0);
  await page.getByRole("tab", { name: "变更记录" }).click();
  await expect(tableRows(page).first()).toContainText("原因：整顿完成");
  await expect(tableRows(page).nth(1)).toContainText("类型：停业");
});

test("an inspector exports the filtered list as an Excel workbook", async ({ page }) => {
  await login(page, "lk_inspector");
  await page.goto("/institutions");
  await searchInstitutions(page, HOSPITAL);
  await expect(tableRows(page)).toHaveCount(1);
  await expect(button(page, "新增机构")).toHaveCount(0);

  const downloading = page.waitForEvent("download");
  await button(page, "导出").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^机构名录-\d{4}-\d{2}-\d{2}\.xlsx$/);

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const names = book.worksheets[0]?.getColumn(1).values.filter((value) => typeof value === "string");
  expect(names).toEqual(["机构名称", HOSPITAL]);
});

test("a credit code with a wrong check character is warned about but saved; a malformed one is refused", async ({ page }) => {
  const name = `校验测试诊所${unique()}`;
  const body = freshCreditCodeBody();
  const expected = checkCharacterFor(body);
  const wrongCheck = body + (expected === "0" ? "1" : "0");

  await login(page, "lk_admin");
  await page.goto("/institutions");
  await button(page, "新增机构").click();
  await expect(page.getByRole("heading", { name: "新增机构" })).toBeVisible();
  const form = page.locator("form");
  await form.getByLabel("机构名称").fill(name);
  await chooseOption(form, "机构类型", "村卫生室", "村卫生室");
  await form.getByLabel("联系人").fill("赵测试");

  await form.getByLabel("统一社会信用代码").fill("52410225O");
  await button(page, "保存").click();
  await expect(form.getByText("应为 18 位，实际 9 位")).toBeVisible();
  await expect(page).toHaveURL(/\/institutions\/new$/);

  await form.getByLabel("统一社会信用代码").fill(wrongCheck);
  await expect(form.getByText(`校验位不符（按 GB 32100 应为 ${expected}）`)).toBeVisible();
  await button(page, "保存").click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("已按原样保存，请核对")).toBeVisible();
  await expect(page.locator(".ant-descriptions").getByText(wrongCheck)).toBeVisible();
  await expect(page.getByText("校验位不符", { exact: true })).toBeVisible();
});

test("Enter pressed again while an edit is saving sends it only once", async ({ page }) => {
  await login(page, "lkyy_admin");
  await page.getByRole("menuitem", { name: "本单位" }).click();
  await button(page, "编辑").click();

  // The save is held back until Enter has been pressed a second time.
  let saves = 0;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/institutions\/[0-9a-f-]{36}$/, async (route) => {
    if (route.request().method() !== "PUT") return route.continue();
    saves += 1;
    await released;
    await route.continue();
  });
  const contact = page.getByLabel("联系人");
  await contact.fill(`回车测试${unique()}`);
  await contact.press("Enter");
  await expect(contact).toBeDisabled();
  await page.keyboard.press("Enter");
  release();

  await expect(page.getByRole("heading", { name: HOSPITAL })).toBeVisible();
  expect(saves).toBe(1);
  // The form was replaced in the history: Back leaves the record rather than reopening its form.
  await page.goBack();
  await expect(page.getByRole("heading", { name: "编辑机构" })).toHaveCount(0);
});
