import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { button, findInstitutions, freshCreditCode, login, searchInstitutions, unique, withApiAs } from "./support";

const HEADERS = ["机构名称", "统一社会信用代码", "机构类型", "所有制", "等级", "是否省直", "所在县（市、区）代码", "床位数", "联系人", "联系电话"];

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("机构");
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test("an Excel import lists the bad row with its reason and imports nothing until confirmed", async ({ page, baseURL }) => {
  const name = `导入测试卫生室${unique()}`;
  const file = await workbook([
    [name, freshCreditCode(), "村卫生室", "公立", "未定级", "否", "410225", 0, "王测试", "0371-1234567"],
    [`错误行${unique()}`, freshCreditCode().replace(/.$/, "I"), "火星医院", "公立", "未定级", "否", "410225", 0, "李测试", ""],
  ]);

  await login(page, "lk_admin");
  await page.goto("/institutions");
  await button(page, "导入").click();
  const dialog = page.getByRole("dialog", { name: "导入机构" });
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: "机构导入.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: file });

  const errorRows = dialog.locator(".ant-table-row", { hasText: "第 3 行" });
  await expect(errorRows.filter({ hasText: "机构类型" })).toContainText("机构类型「火星医院」不是可选值");
  await expect(errorRows.filter({ hasText: "统一社会信用代码" })).toContainText("不允许");
  await expect(dialog.getByText("工作表“机构”，第 1 行为列名")).toBeVisible();
  const confirm = button(dialog, "导入 1 条");
  await expect(confirm).toBeEnabled();

  await withApiAs(baseURL as string, "lk_admin", async (lankao) => {
    // Checked, not imported: the valid row is not registered before confirmation.
    expect(await findInstitutions(lankao, name)).toHaveLength(0);
    await confirm.click();
    await expect(page.getByText("导入完成：新增 1 家")).toBeVisible();
    await expect(dialog).toHaveCount(0);
    expect((await findInstitutions(lankao, name)).map((i) => i.name)).toEqual([name]);
  });

  await searchInstitutions(page, name);
  await expect(page.getByRole("link", { name })).toBeVisible();
});

test("a county's own Excel hazard ledger moves in: the bad row is named, the good one lands in the ledger in its state", async ({ page }) => {
  const description = `消防通道堆放杂物 ${unique()}`;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("隐患台账");
  sheet.addRow(["兰考县医疗机构安全隐患排查台账"]);
  sheet.addRow(["单位名称", "检查日期", "部位", "隐患类型", "存在问题", "整改期限", "责任人", "整改情况"]);
  sheet.addRow(["兰考县人民医院", "2026/6/1", "住院部东侧通道", "消防安全", description, "2026年12月31日", "王科长", "整改中"]);
  sheet.addRow(["兰考县人民医院", "2026/6/1", "锅炉房", "锅炉", "压力表未校验", "2026-12-31", "王科长", ""]);
  const file = Buffer.from(await book.xlsx.writeBuffer());

  await login(page, "lk_inspector");
  await page.goto("/hazards");
  await button(page, "导入台账").click();
  const dialog = page.getByRole("dialog", { name: "导入隐患台账" });
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: "隐患台账.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: file });
  await expect(dialog.locator(".ant-table-row", { hasText: "第 4 行" })).toContainText("隐患类别「锅炉」不在类别清单中");
  await expect(dialog.getByText("工作表“隐患台账”，第 2 行为列名")).toBeVisible();
  await button(dialog, "导入 1 条").click();
  await expect(page.getByText("导入完成：新增 1 条")).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await page.goto(`/hazards?q=${encodeURIComponent(description)}`);
  const row = page.locator(".ant-table-tbody .ant-table-row", { hasText: "兰考县人民医院" });
  await expect(row).toContainText("整改中");
});
