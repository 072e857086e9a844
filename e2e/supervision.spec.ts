import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { chinaDay } from "../src/domain/calendar";
import { button, findInstitutions, login, queryForm, tableRows, unique, withApiAs } from "./support";

const PLAN = {
  measures: "更换漏水管线并加装挡水槛",
  funds: "8 万元",
  deadline: "两个月内",
  responsiblePerson: "王科长",
  interimMeasures: "配电室停用，临时供电",
};
const inDays = (days: number) => chinaDay(new Date(Date.now() + days * 86_400_000));

/** A major hazard at the demo county's hospital, recorded by the county's inspector: the city lists it. */
async function recordMajorHazard(baseURL: string, description: string): Promise<string> {
  return withApiAs(baseURL, "lk_inspector", async (api) => {
    const [hospital] = await findInstitutions(api, "兰考县人民医院");
    const session = await (await api.get("/api/auth/session")).json();
    const response = await api.post("/api/hazards", {
      headers: { "x-csrf-token": session.csrfToken },
      data: {
        institutionId: hospital?.id,
        foundOn: inDays(0),
        finders: "李明",
        place: "高压配电室",
        category: "electrical",
        description,
        grade: "major",
        handling: "by_deadline",
        deadline: inDays(60),
        responsiblePerson: "王科长",
        majorPlan: PLAN,
      },
    });
    expect(response.status()).toBe(201);
    return (await response.json()).number as string;
  });
}

test("the city lists a county's major hazard, the hospital signs for it, and the city sees the receipt and the publication clock", async ({
  page,
  browser,
  baseURL,
}) => {
  const description = `高压配电室顶板渗水 ${unique()}`;
  const number = await recordMajorHazard(baseURL as string, description);

  await login(page, "kf_inspector");
  await page.getByRole("menuitem", { name: "挂牌督办" }).click();
  await page.getByRole("tab", { name: "待挂牌" }).click();
  const waiting = tableRows(page).filter({ hasText: number });
  await expect(waiting).toHaveCount(1);
  await button(waiting, "挂牌督办").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("督办责任部门").fill("开封市卫健委安全生产科");
  await button(dialog, "挂牌督办").click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(/已挂牌督办，文号 开卫督〔\d{4}〕\d+号/)).toBeVisible();

  await page.getByRole("tab", { name: "督办中" }).click();
  const listed = tableRows(page).filter({ hasText: number });
  await expect(listed).toContainText("未签收");
  await expect(listed).toContainText(/公布挂牌督办：应于 \d{4}-\d{2}-\d{2} 前/);

  // The hospital signs for it on the hazard's page, on a phone.
  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const hospital = await phone.newPage();
  await login(hospital, "lkyy_admin");
  await hospital.goto(`/my-hazards?q=${encodeURIComponent(description)}`);
  await hospital.getByRole("link", { name: number }).click();
  await button(hospital, "签收").click();
  await button(hospital.locator(".ant-popconfirm"), "确定").click();
  await expect(hospital.getByText("已签收")).toBeVisible();
  await phone.close();

  // The city records the publication; the clock is done and the receipt shows.
  await page.reload();
  await expect(listed).not.toContainText("未签收");
  await button(listed, "记录公布").click();
  await button(page.locator(".ant-popconfirm"), "确定").click();
  await expect(listed).toContainText(/公布挂牌督办：\d{4}-\d{2}-\d{2} 已办/);

  // The queue found by its query form and sorted by a header, both kept in the URL, then exported as it shows.
  const form = queryForm(page);
  await form.getByLabel("关键词").fill(number);
  await button(form, "查询").click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(number)}`));
  await expect(tableRows(page)).toHaveCount(1);
  await expect(page.locator(".ant-table-thead")).toContainText("序号");
  await expect(page.locator(".ant-table-thead")).toContainText("操作");
  await page.getByRole("columnheader", { name: "整改期限" }).click();
  await expect(page).toHaveURL(/sort=deadline&order=asc/);
  const downloading = page.waitForEvent("download");
  await button(page, "导出").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^挂牌督办-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const [sheet] = book.worksheets;
  if (!sheet) throw new Error("the export has no sheet");
  const cells = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1).map((value) => String(value ?? ""));
  expect(sheet.rowCount).toBe(2);
  expect(cells(1).slice(0, 3)).toEqual(["隐患编号", "被督办机构", "所在县（市、区）"]);
  expect(cells(2)).toEqual(expect.arrayContaining([number, "兰考县人民医院", "开封市卫健委安全生产科", expect.stringMatching(/^开卫督〔\d{4}〕\d+号$/)]));
  expect(cells(2)).toEqual(expect.arrayContaining([expect.stringMatching(/^公布挂牌督办：\d{4}-\d{2}-\d{2} 已办$/)]));

  // 重置 clears the query; the sort stays.
  await button(form, "重置").click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page).toHaveURL(/sort=deadline/);
});

test("the ledger finds hazards by a two-character term and exports what it shows", async ({ page, baseURL }) => {
  const description = `氧气汇流排压力表失灵 ${unique()}`;
  await recordMajorHazard(baseURL as string, description);
  await login(page, "lk_inspector");
  await page.goto(`/hazards?q=${encodeURIComponent("汇流")}`);
  await expect(tableRows(page).filter({ hasText: "氧气汇流排" }).first()).toBeVisible();
  const download = page.waitForEvent("download");
  await button(page, "导出").click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
});

test("the ledger goes on past the pages its count numbers, by cursor kept in the URL, and back to the first page", async ({ page, baseURL }) => {
  // 1,010 closed hazards of one clinic, old enough to stay below every other test's rows: a county's
  // text search counts to 1,000 only, so the last numbered page of 100 rows is page 10.
  const term = `深页检索${unique()}`;
  const rows = 1010;
  await withApiAs(baseURL as string, "lk_inspector", async (api) => {
    const listed = await api.get("/api/institutions", { params: { jurisdictionCode: "410225", type: "village_clinic", pageSize: 1 } });
    const [clinic] = (await listed.json()).items as { creditCode: string }[];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("隐患台账");
    sheet.addRow(["统一社会信用代码", "发现日期", "隐患部位", "隐患类别", "隐患描述", "整改时限", "整改责任人", "整改状态"]);
    for (let i = 1; i <= rows; i++) sheet.addRow([clinic?.creditCode, "2020-01-01", "库房", "其他", `${term} 第${i}处`, "2020-02-01", "王科长", "已销号"]);
    const session = await (await api.get("/api/auth/session")).json();
    const headers = { "x-csrf-token": session.csrfToken };
    const file = {
      name: "台账.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    };
    const preview = await (await api.post("/api/hazards/imports", { headers, multipart: { file } })).json();
    expect(preview).toMatchObject({ newRows: rows, errors: [] });
    expect((await api.post(`/api/hazards/imports/${preview.importId}/confirm`, { headers, data: { updateExisting: false } })).ok()).toBe(true);
  });

  await login(page, "lk_inspector");
  await page.goto(`/hazards?q=${encodeURIComponent(term)}&pageSize=100&page=10`);
  await expect(page.getByText("超过 1,000 条，请缩小查询范围")).toBeVisible();
  const firstNumber = tableRows(page).first().locator("td").first();
  await expect(firstNumber).toHaveText("901");
  await expect(page.getByText("按页码只能翻到前 1,000 条")).toBeVisible();

  await button(page, "下一页").click();
  await expect(page).toHaveURL(/[?&]after=[^&]+/);
  await expect(page).toHaveURL(/[?&]page=11(&|$)/);
  await expect(page.getByText("第 11 页")).toBeVisible();
  await expect(firstNumber).toHaveText("1001");
  await expect(tableRows(page)).toHaveCount(rows - 1000);
  await expect(button(page, "下一页")).toBeDisabled();

  // The URL is the page: a reload shows it again, and back returns to the numbered page.
  await page.reload();
  await expect(firstNumber).toHaveText("1001");
  await page.goBack();
  await expect(firstNumber).toHaveText("901");
  await page.goForward();
  await expect(firstNumber).toHaveText("1001");

  await button(page, "回到第一页").click();
  await expect(page).not.toHaveURL(/after=/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(firstNumber).toHaveText("1");
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(term)}`));

  // A numbered page past the window (a hand-edited link) is refused with the server's reason, and left for page 1.
  await page.goto(`/hazards?q=${encodeURIComponent(term)}&pageSize=100&page=101`);
  await expect(page.getByText(/^页码：按页码最多翻到前 10,000 条/)).toBeVisible();
  await button(page, "回到第一页").click();
  await expect(firstNumber).toHaveText("1");
});
