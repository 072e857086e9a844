import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { button, chooseOption, findInstitutions, login, logout, queryForm, tableRows, unique, withApiAs } from "./support";

const HOSPITAL = "兰考县人民医院";

/** A hazard of the demo hospital recorded by the county's inspector, with a description no other run has used. */
async function recordHazard(baseURL: string, description: string) {
  return withApiAs(baseURL, "lk_inspector", async (api) => {
    const [hospital] = await findInstitutions(api, HOSPITAL);
    const session = await (await api.get("/api/auth/session")).json();
    const response = await api.post("/api/hazards", {
      headers: { "x-csrf-token": session.csrfToken },
      data: {
        institutionId: hospital?.id,
        foundOn: new Date().toISOString().slice(0, 10),
        finders: "李明",
        place: "门诊楼一层配电间",
        category: "electrical",
        description,
        basis: "《机关、团体、企业、事业单位消防安全管理规定》第二十一条",
        grade: "general",
        handling: "by_deadline",
        deadline: "2099-06-30",
        responsiblePerson: "王科长",
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { id: string; number: string };
  });
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("the inspector issues a notice and downloads its PDF; the hospital signs for it; the inspector sees it signed", async ({ page, baseURL }) => {
  const description = `配电柜前堆放纸箱${unique()}`;
  await recordHazard(baseURL as string, description);

  await login(page, "lk_inspector");
  await page.getByRole("menuitem", { name: "通知书" }).click();
  await button(page, "开具通知书").click();
  const dialog = page.getByRole("dialog");
  await chooseOption(dialog, "被通知机构", HOSPITAL, HOSPITAL);
  await dialog.getByRole("checkbox", { name: new RegExp(description) }).check();
  await page.screenshot({ path: test.info().outputPath("issue-dialog.png") });
  const issued = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/api/notices"));
  await button(dialog, "签发").click();
  const notice = (await (await issued).json()) as { number: string; verifyPath: string };
  expect(notice.number).toMatch(/^兰卫安通〔\d{4}〕第\d{4}号$/);

  // The new notice opens in its drawer, ready to print.
  const drawer = page.getByRole("dialog", { name: notice.number });
  await expect(drawer).toContainText(description);
  await expect(drawer.getByRole("link", { name: /核验页/ })).toHaveAttribute("href", notice.verifyPath);
  await expect(drawer).toContainText("未签收");
  await page.screenshot({ path: test.info().outputPath("notice-drawer.png") });
  const download = page.waitForEvent("download");
  await button(drawer, "下载PDF").click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe(`整改通知书-${notice.number}.pdf`);
  await pdf.saveAs(test.info().outputPath("notice.pdf"));
  const bytes = readFileSync(await pdf.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.length).toBeLessThan(1024 * 1024);
  await page.keyboard.press("Escape");
  await logout(page);

  await login(page, "lkyy_admin");
  await page.getByRole("menuitem", { name: "通知书" }).click();
  await queryForm(page).getByLabel("文书编号").fill(notice.number);
  await button(queryForm(page), "查询").click();
  const row = tableRows(page).filter({ hasText: notice.number });
  await expect(row).toContainText("未签收");
  await button(row, "签收").click();
  await button(page.locator(".ant-popconfirm"), "签收").click();
  await expect(row).toContainText("已签收");
  await expect(button(row, "签收")).toHaveCount(0);
  await logout(page);

  await login(page, "lk_inspector");
  await page.goto(`/notices?acknowledged=true&number=${encodeURIComponent(notice.number)}`);
  const signed = tableRows(page).filter({ hasText: notice.number });
  await expect(signed).toContainText("已签收");
  await expect(signed).toContainText("兰考县人民医院管理员");
  await expect(page.locator(".ant-spin-spinning")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("notices-authority-desktop.png") });
});

test("a 卫生监督意见书 asks for the party's legal representative and the opinion, and prints its two copies", async ({ page, baseURL }) => {
  const description = `安全出口指示灯损坏${unique()}`;
  await recordHazard(baseURL as string, description);
  await login(page, "lk_inspector");
  await page.goto("/notices");
  await button(page, "开具通知书").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("卫生监督意见书").click();
  await chooseOption(dialog, "被通知机构", HOSPITAL, HOSPITAL);
  await dialog.getByRole("checkbox", { name: new RegExp(description) }).check();
  await button(dialog, "签发").click();
  await expect(dialog.getByText("请填写法定代表人（负责人）")).toBeVisible();
  await expect(dialog.getByText("请填写监督意见")).toBeVisible();
  await dialog.getByLabel("法定代表人（负责人）").fill("张院长");
  await dialog.getByRole("textbox", { name: "监督意见" }).fill(`经检查，你单位${description}。`);
  await page.screenshot({ path: test.info().outputPath("issue-opinion-dialog.png") });
  const issued = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/api/notices"));
  await button(dialog, "签发").click();
  const notice = (await (await issued).json()) as { number: string };
  const drawer = page.getByRole("dialog", { name: notice.number });
  await expect(drawer).toContainText("卫生监督意见书");
  await expect(drawer).toContainText("张院长");
  // The legal basis is the hazard's own, as the form said it would be when left empty.
  await expect(drawer).toContainText("依据《机关、团体、企业、事业单位消防安全管理规定》第二十一条，责令你单位于2099年6月30日前");
  const download = page.waitForEvent("download");
  await button(drawer, "下载PDF").click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe(`卫生监督意见书-${notice.number}.pdf`);
  await pdf.saveAs(test.info().outputPath("opinion.pdf"));
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the public verification page shows a genuine notice's four facts without a login, and says a guessed code is not one", async ({ page, baseURL }) => {
    const hazard = await recordHazard(baseURL as string, `疏散通道堆放杂物${unique()}`);
    const notice = await withApiAs(baseURL as string, "lk_inspector", async (api) => {
      const session = await (await api.get("/api/auth/session")).json();
      const response = await api.post("/api/notices", {
        headers: { "x-csrf-token": session.csrfToken },
        data: { kind: "rectification", hazardIds: [hazard.id] },
      });
      expect(response.status()).toBe(201);
      return (await response.json()) as { number: string; verifyPath: string; issuedOn: string };
    });

    await page.goto(notice.verifyPath);
    await expect(page.getByText("真实有效")).toBeVisible();
    const facts = page.locator(".ant-descriptions");
    await expect(facts).toContainText(notice.number);
    await expect(facts).toContainText("兰考县卫生健康委员会");
    await expect(facts).toContainText(notice.issuedOn);
    await expect(facts).toContainText(HOSPITAL);
    await expect(facts.locator(".ant-descriptions-item-label")).toHaveText(["文书编号", "签发机关", "签发日期", "被通知单位"]);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("verify-phone.png") });

    await page.goto("/verify/AAAAAAAAAAAAAAAAAAAAAA");
    await expect(page.getByText("未找到该文书", { exact: true })).toBeVisible();
    await expect(page.getByText("可能不是本系统出具")).toBeVisible();
  });

  test("the hospital's notice list fits the phone as cards with 签收 on each", async ({ page, baseURL }) => {
    const hazard = await recordHazard(baseURL as string, `燃气灶具未安装报警装置${unique()}`);
    const number = await withApiAs(baseURL as string, "lk_inspector", async (api) => {
      const session = await (await api.get("/api/auth/session")).json();
      const response = await api.post("/api/notices", {
        headers: { "x-csrf-token": session.csrfToken },
        data: { kind: "rectification", hazardIds: [hazard.id] },
      });
      return ((await response.json()) as { number: string }).number;
    });
    await login(page, "lkyy_admin");
    await page.goto(`/notices?number=${encodeURIComponent(number)}`);
    const card = page.locator(".yian-row-card").filter({ hasText: number });
    await expect(card).toContainText("未签收");
    await expect(button(card, "签收")).toBeVisible();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("notices-institution-phone.png") });
    await button(card, "详情").click();
    const drawer = page.getByRole("dialog", { name: number });
    await expect(drawer).toContainText("燃气灶具未安装报警装置");
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await logout(page);

    // The authority's list and its query form fit too.
    await login(page, "lk_inspector");
    await page.goto(`/notices?number=${encodeURIComponent(number)}`);
    await expect(page.locator(".yian-row-card").filter({ hasText: number })).toContainText("未签收");
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  });
});
