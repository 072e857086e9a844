import { type Browser, expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import pg from "pg";
import { button, chooseOption, login, openGroupedMenu, queryForm, unique } from "./support";

const PHONE = { width: 390, height: 844 };
/** The e2e server's own database (e2e/serve.ts starts its embedded cluster on this port). */
const E2E_DATABASE = "postgres://yian:yian-embedded@127.0.0.1:54391/yian";

async function pageOf(browser: Browser, baseURL: string, username: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await login(page, username);
  return page;
}

async function expectNoSidewaysScroll(page: Page) {
  await expect(page.locator(".ant-skeleton, .ant-spin-spinning")).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(0);
}

/**
 * What a campaign or an inspection does when it takes a version (useChecklistVersion): marks it
 * used. Done on the database here, so this test does not depend on the campaign pages.
 */
async function markVersionUsed(checklistId: string, version: number) {
  const client = new pg.Client({ connectionString: E2E_DATABASE });
  await client.connect();
  try {
    const marked = await client.query("update checklist_version set first_used_at = now() where checklist_id = $1 and version = $2", [checklistId, version]);
    expect(marked.rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

test("a county administrator copies a shipped template, edits it on a phone after its first version was used, and sees version 2 beside the unchanged version 1", async ({
  browser,
  baseURL,
}) => {
  const desk = await pageOf(browser, baseURL as string, "lk_admin");
  await openGroupedMenu(desk, "督导检查", "检查表");
  await expect(desk.getByRole("heading", { name: "检查表" })).toBeVisible();
  await chooseOption(queryForm(desk), "来源", "系统内置");
  await button(queryForm(desk), "查询").click();
  await expect(desk).toHaveURL(/owner=shipped/);
  const row = desk.locator(".ant-table-row", { hasText: "托育机构消防安全" });
  await expect(desk.locator(".ant-table-row", { hasText: "健康促进医院评审" })).toContainText("评分表 · 满分 100");

  const name = `托育机构消防安全（兰考${unique()}）`;
  await button(row, "复制为本部门").click();
  const dialog = desk.getByRole("dialog");
  await dialog.getByLabel("检查表名称").fill(name);
  await button(dialog, "复制").click();
  await expect(desk).toHaveURL(/\/checklists\/[0-9a-f-]{36}$/);
  await expect(desk.getByRole("heading", { name })).toBeVisible();
  await expect(desk.locator(".ant-descriptions").getByText("兰考县卫生健康委员会")).toBeVisible();
  await expect(desk.getByText(/^1\. 各楼层及周边区域安全出口畅通$/)).toBeVisible();
  const checklistId = desk.url().split("/").pop() as string;

  // An inspection or campaign takes version 1: from now on it never changes.
  await markVersionUsed(checklistId, 1);

  const phone = await pageOf(browser, baseURL as string, "lk_admin", PHONE);
  await phone.goto(`/checklists/${checklistId}/edit`);
  await expect(phone.getByText("第 1 版已被检查工作或检查记录使用，保存后将另存为第 2 版")).toBeVisible();
  await expectNoSidewaysScroll(phone);
  const firstItem = phone.getByLabel("检查内容").first();
  await firstItem.fill("各楼层及周边区域安全出口畅通，无杂物堆放");
  await button(phone, "增加检查项").first().click();
  await phone.getByLabel("检查内容").nth(3).fill("安全出口门向疏散方向开启");
  await expectNoSidewaysScroll(phone);
  await button(phone, "保存").click();

  await expect(phone).toHaveURL(new RegExp(`/checklists/${checklistId}$`));
  await expect(phone.getByText("已保存为第 2 版")).toBeVisible();
  await expect(phone.getByText(/^1\. 各楼层及周边区域安全出口畅通，无杂物堆放$/)).toBeVisible();
  await expect(phone.getByText(/^4\. 安全出口门向疏散方向开启$/)).toBeVisible();
  await expectNoSidewaysScroll(phone);

  // Version 1, as the inspection that used it shows it.
  await chooseOption(phone.locator(".yian-content"), "查看版本", "第 1 版");
  await expect(phone).toHaveURL(/version=1/);
  await expect(phone.getByText("正在查看第 1 版（当前为第 2 版）")).toBeVisible();
  await expect(phone.getByText(/^1\. 各楼层及周边区域安全出口畅通$/)).toBeVisible();
  await expect(phone.getByText("安全出口门向疏散方向开启")).toHaveCount(0);
  await expectNoSidewaysScroll(phone);

  await phone.goto("/checklists");
  await expectNoSidewaysScroll(phone);
});

async function workbook(rows: (string | number | null)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("检查表");
  sheet.addRow(["部分", "检查项", "检查依据", "隐患类别", "等级提示", "作答方式", "分值", "须拍照"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("a template imported from Excel is checked row by row, refused whole while one row is wrong, and opens once imported", async ({ page }) => {
  await login(page, "lk_admin");
  await page.goto("/checklists");
  await button(page, "导入").click();
  const dialog = page.getByRole("dialog");
  await dialog.locator("input[type=file]").setInputFiles({
    name: "节前检查.xlsx",
    mimeType: XLSX,
    buffer: await workbook([
      ["消防安全", "安全出口畅通", "《消防法》第二十八条", "消防安全", "一般隐患", null, null, "是"],
      ["消防安全", "灭火器完好", null, "不存在的类别", null, null, null, null],
    ]),
  });
  await expect(dialog.getByText("整表导入，有误时一项也不导入")).toBeVisible();
  await expect(dialog.getByText(/隐患类别「不存在的类别」不在类别清单中/)).toBeVisible();
  await expect(button(dialog, "导入 0 条")).toBeDisabled();

  await button(dialog, "重新选择文件").click();
  const name = `节前检查${unique()}`;
  await dialog.locator("input[type=file]").setInputFiles({
    name: `${name}.xlsx`,
    mimeType: XLSX,
    buffer: await workbook([
      ["消防安全", "安全出口畅通", "《消防法》第二十八条", "消防安全", "一般隐患", null, null, "是"],
      ["用电安全", "配电间无杂物", null, "用电安全", "重大隐患", null, null, null],
    ]),
  });
  await expect(dialog.getByLabel("检查表名称")).toHaveValue(name);
  await button(dialog, "导入 2 条").click();
  await expect(page).toHaveURL(/\/checklists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText(/^2\. 配电间无杂物$/)).toBeVisible();
});

test("a used template exported to Excel, edited and imported back becomes version 2, version 1 unchanged", async ({ browser, baseURL }) => {
  const page = await pageOf(browser, baseURL as string, "lk_admin");
  const name = `导入新版本${unique()}`;
  await page.goto("/checklists");
  await button(page, "导入").click();
  const created = page.getByRole("dialog");
  await created.locator("input[type=file]").setInputFiles({
    name: `${name}.xlsx`,
    mimeType: XLSX,
    buffer: await workbook([
      ["消防安全", "安全出口畅通", "《消防法》第二十八条", "消防安全", "一般隐患", null, null, "是"],
      ["用电安全", "配电间无杂物", null, "用电安全", null, null, null, null],
    ]),
  });
  await button(created, "导入 2 条").click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const checklistId = page.url().split("/").pop() as string;
  await markVersionUsed(checklistId, 1);
  await page.reload();

  // The user's path: export the current version, change it in Excel, import it back over the template.
  const downloading = page.waitForEvent("download");
  await button(page, "导出 Excel").click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await downloading).path());
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  expect(header.slice(0, 2)).toEqual(["部分", "检查项"]);
  sheet.getRow(2).getCell(2).value = "安全出口畅通，无杂物堆放";
  sheet.addRow(["用电安全", "插座无过载", "", "用电安全", "一般隐患", "符合/不符合/不适用", null, "否"]);
  const edited = Buffer.from(await book.xlsx.writeBuffer());

  await button(page, "导入新版本").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("当前第 1 版已被使用，导入后保存为第 2 版，原版本内容不变。", { exact: false })).toBeVisible();
  await dialog.locator("input[type=file]").setInputFiles({ name: `${name}（修订）.xlsx`, mimeType: XLSX, buffer: edited });
  await expect(dialog.getByText("新版本的检查项")).toBeVisible();
  await button(dialog, "导入 3 条").click();
  await expect(page.getByText("已导入为第 2 版；已使用的第 1 版保持不变")).toBeVisible();
  await expect(page.getByText(/^1\. 安全出口畅通，无杂物堆放$/)).toBeVisible();
  await expect(page.getByText(/^3\. 插座无过载$/)).toBeVisible();

  const history = page.locator(".ant-card", { hasText: "版本记录" });
  const second = history.locator(".ant-list-item", { hasText: "第 2 版" });
  await expect(second).toContainText("当前");
  await expect(second).toContainText("3 项");
  await expect(history.locator(".ant-list-item", { hasText: "第 1 版" })).toContainText("已使用，内容锁定");
  await button(history.locator(".ant-list-item", { hasText: "第 1 版" }), "查看").click();
  await expect(page.getByText(/^1\. 安全出口畅通$/)).toBeVisible();
  await expect(page.getByText("插座无过载")).toHaveCount(0);
});
