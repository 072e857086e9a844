import { expect, test } from "@playwright/test";
import { chinaDay } from "../src/domain/calendar";
import { button, findInstitutions, login, tableRows, unique, withApiAs } from "./support";

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
