import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { chinaDay } from "../src/domain/calendar";
import { button, chooseOption, login, tableRows, unique, withApiAs } from "./support";

const HOSPITAL = "兰考县人民医院";
const PHONE = { width: 390, height: 844 };

const inDays = (days: number) => chinaDay(new Date(Date.now() + days * 86_400_000));
const dialog = (page: Page) => page.getByRole("dialog");

/** A signed-in page of its own browser context, at a phone's size when asked. */
async function pageOf(browser: Browser, baseURL: string, username: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await login(page, username);
  return page;
}

async function pickDate(field: Locator, day: string) {
  await field.click();
  await field.fill(day);
  await field.press("Enter");
}

/** Nothing on the page scrolls sideways: the page itself, or a table inside it. */
async function expectNoSidewaysScroll(page: Page) {
  await expect(page.locator(".ant-skeleton, .ant-spin-spinning")).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(0);
}

/** Sends the open dialog with its OK button, named after the command, and waits for it to close. */
async function confirmDialog(page: Page, label: string) {
  await button(dialog(page), label).click();
  await expect(dialog(page)).toHaveCount(0);
}

async function recordHazard(page: Page, description: string, { photo = false }: { photo?: boolean } = {}) {
  await page.getByRole("menuitem", { name: "登记隐患" }).click();
  await expect(page.getByRole("heading", { name: "登记隐患" })).toBeVisible();
  const form = page.locator(".yian-content");
  await chooseOption(form, "被检查机构", HOSPITAL, "兰考县人民");
  await form.getByLabel("隐患部位").fill("门诊楼一层配电间");
  await chooseOption(form, "隐患类别", "用电安全");
  await form.getByLabel("隐患描述").fill(description);
  await form.getByLabel("判定依据").fill("《机关、团体、企业、事业单位消防安全管理规定》第二十一条");
  await pickDate(form.getByLabel("整改时限"), inDays(10));
  await form.getByLabel("整改责任人").fill("王科长");
  if (photo) {
    await form.locator("input[type=file]").setInputFiles({ name: "现场.jpg", mimeType: "image/jpeg", buffer: await afterPhoto() });
    await expect(form.locator(".ant-upload-list-item-done, .ant-upload-list-item img").first()).toBeVisible();
  }
  await button(form, "登记").click();
  await expect(page).toHaveURL(/\/hazards\/[0-9a-f-]{36}$/);
  const heading = page.getByRole("heading", { level: 4 });
  await expect(heading).toHaveText(/^兰考(县)?隐患〔\d{4}〕\d{4}$/);
  const number = (await heading.textContent()) ?? "";
  await expect(page.getByText("待整改", { exact: true })).toBeVisible();
  return number;
}

/** The inspector's 待复查 queue, with the hazard's row and its step. */
async function reviewStep(page: Page, number: string, step: "退回整改" | "复查销号") {
  await page.getByRole("menuitem", { name: "待复查" }).click();
  await expect(page.getByRole("heading", { name: "待复查" })).toBeVisible();
  const row = tableRows(page).filter({ hasText: number });
  await expect(row).toHaveCount(1);
  await button(row, step).click();
  await expect(dialog(page)).toBeVisible();
}

/** A small real JPEG, as a phone's camera would send (the server reads the type from the content). */
const afterPhoto = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } })
    .jpeg()
    .toBuffer();

async function submitRectification(page: Page, actionsTaken: string, { photo }: { photo: boolean }) {
  await button(page, "提交整改").click();
  await dialog(page).getByLabel("整改情况").fill(actionsTaken);
  await dialog(page).getByLabel("整改费用").fill("约 500 元");
  if (photo) {
    await dialog(page)
      .locator("input[type=file]")
      .setInputFiles({ name: "整改后.jpg", mimeType: "image/jpeg", buffer: await afterPhoto() });
    // Uploaded at once; with a photo there is no reason to give.
    await expect(dialog(page).locator(".ant-upload-list-item-done, .ant-upload-list-item img").first()).toBeVisible();
    await expect(dialog(page).getByLabel("无照片的原因")).toHaveCount(0);
  } else {
    await dialog(page).getByLabel("无照片的原因").fill("照片上传功能开通后补传");
  }
  await confirmDialog(page, "提交整改");
  await expect(page.locator(".ant-tag", { hasText: "待复查" })).toBeVisible();
}

test("the closed loop: the inspector records, the institution rectifies on a phone, is sent back, resubmits, and the inspector verifies and closes", async ({
  browser,
  baseURL,
}) => {
  const description = `配电柜前堆放纸箱 ${unique()}`;
  const inspector = await pageOf(browser, baseURL as string, "lk_inspector");
  const number = await recordHazard(inspector, description, { photo: true });
  await expect(inspector.locator(".ant-card", { hasText: "隐患信息" }).locator("img")).toHaveCount(1);

  // The inspector issues the rectification notice from the hazard's page, the hazard already ticked.
  await button(inspector, "开具通知书").click();
  await expect(dialog(inspector).getByRole("checkbox", { name: new RegExp(description) })).toBeChecked();
  await button(dialog(inspector), "签发").click();
  await expect(inspector).toHaveURL(/\/notices\?number=/);
  const noticeNumber = decodeURIComponent(new URL(inspector.url()).searchParams.get("number") ?? "");
  expect(noticeNumber).toMatch(/^兰卫安通〔\d{4}〕第\d{4}号$/);
  await inspector.goBack();

  // The institution on a phone: it signs for the notice, then its to-do list and the hazard's page from the row's step.
  const hospital = await pageOf(browser, baseURL as string, "lkyy_admin", PHONE);
  await hospital.goto(`/notices?number=${encodeURIComponent(noticeNumber)}`);
  const noticeCard = hospital.locator(".yian-row-card").filter({ hasText: noticeNumber });
  await button(noticeCard, "签收").click();
  await button(hospital.locator(".ant-popconfirm"), "签收").click();
  await expect(noticeCard).toContainText("已签收");
  await hospital.goto("/");
  // The home page says what waits (the demo has an overdue hazard at this hospital).
  await expect(hospital.getByText(/^本单位有 \d+ 条隐患已逾期/)).toBeVisible();
  await hospital.getByRole("button", { name: "打开菜单" }).click();
  await hospital.getByRole("menuitem", { name: "我的隐患" }).click();
  await expect(hospital.getByRole("heading", { name: "我的隐患" })).toBeVisible();
  const card = hospital.locator(".yian-row-card").filter({ hasText: number });
  await expect(card).toContainText("待整改");
  await expectNoSidewaysScroll(hospital);
  await button(card, "开始整改").click();
  await expect(dialog(hospital)).toBeVisible();
  await confirmDialog(hospital, "开始整改");
  await expect(hospital.locator(".ant-tag", { hasText: "整改中" })).toBeVisible();
  await expectNoSidewaysScroll(hospital);
  await submitRectification(hospital, "已清理配电柜前杂物", { photo: true });

  // The inspector sends it back with a reason.
  await reviewStep(inspector, number, "退回整改");
  await dialog(inspector).getByLabel("退回原因").fill("柜门仍被货架挡住");
  await confirmDialog(inspector, "退回整改");
  await expect(inspector.locator(".ant-tag", { hasText: "整改中" })).toBeVisible();

  // The institution sees the return and submits again: round 2.
  await hospital.reload();
  await expect(hospital.getByText("退回原因：柜门仍被货架挡住")).toBeVisible();
  await submitRectification(hospital, "已移走货架，柜门可完全打开", { photo: false });

  // The inspector verifies and closes it.
  await reviewStep(inspector, number, "复查销号");
  await expect(dialog(inspector).getByLabel("复查人")).toHaveValue("兰考县卫健委检查员");
  await dialog(inspector).getByLabel("无照片的原因").fill("复查时拍照设备故障");
  await confirmDialog(inspector, "复查销号");
  await expect(inspector.locator(".ant-tag", { hasText: "已销号" })).toBeVisible();

  // The ledger shows it closed.
  await inspector.getByRole("menuitem", { name: "隐患台账" }).click();
  const query = inspector.getByRole("search", { name: "查询条件" });
  await chooseOption(query, "状态", "已销号");
  await button(query, "展开").click();
  await chooseOption(query, "机构", HOSPITAL, "兰考县人民");
  await button(query, "查询").click();
  await expect(inspector).toHaveURL(/state=closed/);
  // The filter survives a reload, the institution named rather than shown as its id.
  await inspector.reload();
  await expect(query.locator(".ant-select", { hasText: `${HOSPITAL}（兰考县）` })).toBeVisible();
  const row = tableRows(inspector).filter({ hasText: number });
  await expect(row).toContainText("已销号");
  await expect(row).toContainText(HOSPITAL);

  // Its timeline shows every step, who took it, the reason and the rounds.
  await row.getByRole("link", { name: number }).click();
  const timeline = inspector.locator(".ant-timeline");
  const items = timeline.locator(".ant-timeline-item");
  await expect(items).toHaveCount(8);
  await expect(items.nth(0)).toContainText("登记隐患");
  await expect(items.nth(0).locator("img")).toHaveCount(1);
  await expect(items.nth(1)).toContainText("开具通知书");
  await expect(items.nth(1)).toContainText(`文书编号：${noticeNumber}`);
  await expect(items.nth(2)).toContainText("签收通知书");
  await expect(items.nth(2)).toContainText("兰考县人民医院管理员");
  await expect(items.nth(3)).toContainText("开始整改");
  await expect(items.nth(4)).toContainText("提交整改（第 1 轮）");
  await expect(items.nth(4)).toContainText("整改情况：已清理配电柜前杂物");
  await expect(items.nth(4)).toContainText("整改费用：约 500 元");
  await expect(items.nth(4).locator("img")).toHaveCount(1);
  await expect(items.nth(5)).toContainText("退回整改（第 1 轮）");
  await expect(items.nth(5)).toContainText("退回原因：柜门仍被货架挡住");
  await expect(items.nth(5)).toContainText("状态：待复查 → 整改中");
  await expect(items.nth(6)).toContainText("提交整改（第 2 轮）");
  await expect(items.nth(7)).toContainText("复查销号（第 2 轮）");
  await expect(items.nth(7)).toContainText("状态：待复查 → 已销号");

  // And so does the institution's page of it, on the phone, with nothing left to do.
  await hospital.reload();
  await expect(hospital.locator(".ant-tag", { hasText: "已销号" })).toBeVisible();
  await expect(hospital.locator(".ant-timeline .ant-timeline-item")).toHaveCount(8);
  await expect(button(hospital, "提交整改")).toHaveCount(0);
  await expectNoSidewaysScroll(hospital);
});

test("a command on a hazard someone changed meanwhile is refused with the server's message, and the page shows the hazard as it now is", async ({
  page,
  baseURL,
}) => {
  await login(page, "lk_inspector");
  const number = await recordHazard(page, `安全出口堆放杂物 ${unique()}`);
  const id = page.url().split("/").pop() as string;
  // The institution starts rectifying while the inspector's page still shows version 1.
  await withApiAs(baseURL as string, "lkyy_admin", async (api) => {
    const session = await (await api.get("/api/auth/session")).json();
    const started = await api.post(`/api/hazards/${id}/commands`, {
      data: { version: 1, command: { kind: "start" } },
      headers: { "x-csrf-token": session.csrfToken },
    });
    expect(started.ok()).toBe(true);
  });
  await button(page, "作废").click();
  await dialog(page).getByLabel("作废原因").fill("重复录入");
  await confirmDialog(page, "作废");
  await expect(page.getByText("该隐患已被他人修改，请刷新后重新办理")).toBeVisible();
  await expect(page.locator(".ant-tag", { hasText: "整改中" })).toBeVisible();
  await expect(page.getByRole("heading", { name: number })).toBeVisible();
});

test("a major hazard needs its 五落实 plan: the form names the missing parts, and the hazard's page shows the plan", async ({ page }) => {
  await login(page, "lk_inspector");
  await page.goto("/hazards/new");
  const form = page.locator(".yian-content");
  await chooseOption(form, "被检查机构", HOSPITAL, "兰考县人民");
  await form.getByLabel("隐患部位").fill("住院部老楼");
  await chooseOption(form, "隐患类别", "建筑施工/房屋结构");
  await form.getByLabel("隐患描述").fill(`承重墙裂缝 ${unique()}`);
  await form.getByText("重大隐患", { exact: true }).click();
  // The plan has its own 整改时限 and 整改责任人: the hazard's fields are named by their ids.
  await pickDate(form.locator("#deadline"), inDays(60));
  await form.locator("#responsiblePerson").fill("刘院长");
  await button(form, "登记").click();
  await expect(form.getByText("请填写整改措施")).toBeVisible();
  await form.getByLabel("整改措施").fill("委托鉴定后加固");
  await form.getByLabel("整改资金").fill("80 万元");
  await form.locator("#majorPlan_deadline").fill("60 日内");
  await form.locator("#majorPlan_responsiblePerson").fill("刘院长");
  await form.getByLabel("临时安全措施及应急预案").fill("停用东侧病区");
  await button(form, "登记").click();
  await expect(page).toHaveURL(/\/hazards\/[0-9a-f-]{36}$/);
  await expect(page.locator(".ant-card", { hasText: "“五落实”整改方案" })).toContainText("委托鉴定后加固");
  await expect(page.locator(".ant-tag", { hasText: "重大隐患" }).first()).toBeVisible();
  // Managed one level up: the city lists it (挂牌督办), which has not happened yet.
  await expect(page.locator(".ant-card", { hasText: "挂牌督办" })).toContainText("尚未挂牌");
});

test("an extension: the institution asks for a later deadline with a reason, the inspector approves it and the deadline moves", async ({
  browser,
  baseURL,
}) => {
  const inspector = await pageOf(browser, baseURL as string, "lk_inspector");
  const number = await recordHazard(inspector, `消防通道堆放杂物 ${unique()}`);
  const hazardPath = new URL(inspector.url()).pathname;

  const hospital = await pageOf(browser, baseURL as string, "lkyy_admin", PHONE);
  await hospital.goto(hazardPath);
  await button(hospital, "申请延期").click();
  await pickDate(dialog(hospital).getByLabel("申请的整改时限"), inDays(30));
  await dialog(hospital).getByLabel("延期原因").fill("需等待消防设施检测单位排期");
  await confirmDialog(hospital, "申请延期");
  await expect(hospital.getByText(`延期申请待审批：申请将整改时限延至 ${inDays(30)}`)).toBeVisible();
  await expect(button(hospital, "申请延期")).toHaveCount(0);

  await inspector.reload();
  await expect(inspector.getByRole("heading", { name: number })).toBeVisible();
  await button(inspector, "批准延期").click();
  await expect(dialog(inspector).getByLabel("批准的整改时限")).toHaveValue(inDays(30));
  await confirmDialog(inspector, "批准延期");
  await expect(inspector.getByText("延期申请待审批")).toHaveCount(0);
  await expect(inspector.locator(".ant-descriptions")).toContainText(inDays(30));
  const last = inspector.locator(".ant-timeline .ant-timeline-item").last();
  await expect(last).toContainText("批准延期");
  await expect(last).toContainText(`整改时限：${inDays(10)} → ${inDays(30)}`);
});
