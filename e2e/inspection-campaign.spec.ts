import { expect, type Locator, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { button, chooseOption, login, openGroupedMenu, queryForm, unique } from "./support";

/**
 * Issue 8's whole path on a phone: a county administrator plans a campaign chosen by random draw in
 * the form, draws with a witness and spreads the drawn institutions over a working group; an inspector
 * opens a drawn assignment from the campaign's page, fills its checklist without a connection (one
 * 不符合 with a photo), reloads, goes back online, and the inspection and its hazard exist once.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const CHECKLIST = "节前安全检查表";
/** The items of the demo city's 节前安全检查表 (src/server/seed/demo-checklist.ts). */
const ITEMS = {
  duty: "节日期间落实领导带班和24小时值班制度，值班表已公布",
  controlRoom: "消防控制室双人持证值班，设备运行正常",
  exits: "安全出口、疏散通道畅通，无锁闭、占用",
};

// A step that cannot happen fails on its own line instead of at the end of the test's long timeout.
test.use({ viewport: PHONE, actionTimeout: 20_000 });

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A day on the China calendar, `offset` days from today. */
const chinaDay = (offset: number) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + offset * 24 * 60 * 60 * 1000));

/** A phone photo: large, so the page makes it smaller before keeping it. */
const phonePhoto = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#c33" } })
    .jpeg()
    .toBuffer();

/** Waits for a dialog to finish zooming in: on a loaded machine a click during the animation can miss its button. */
const opened = (dialog: Locator) => expect(dialog).not.toHaveClass(/ant-zoom/);

/** The drafts the inspection form keeps on the device (IndexedDB yian-inspections), as text. */
const keptDrafts = (page: Page) =>
  page.evaluate(async () => {
    const request = indexedDB.open("yian-inspections");
    const db = await new Promise<IDBDatabase>((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    const drafts = await new Promise<unknown[]>((resolve) => {
      const all = db.transaction("drafts").objectStore("drafts").getAll();
      all.onsuccess = () => resolve(all.result);
    });
    db.close();
    return JSON.stringify(drafts);
  });

/** Plans the campaign through the form, reached through the menu's drawer, and answers its id. */
async function planDrawnCampaign(page: Page, name: string): Promise<string> {
  await openGroupedMenu(page, "督导检查", "检查工作");
  await button(page, "部署检查工作").click();
  await expect(page.getByRole("heading", { name: "部署检查工作" })).toBeVisible();
  await page.getByLabel("检查工作名称").fill(name);
  await expect(page.getByLabel("检查工作名称")).toHaveValue(name);
  await page.getByPlaceholder("开始日期").click();
  await page.getByPlaceholder("开始日期").fill(chinaDay(-1));
  await page.getByPlaceholder("结束日期").fill(chinaDay(30));
  await page.getByPlaceholder("结束日期").press("Enter");
  await chooseOption(page.locator("form"), "检查表", CHECKLIST);
  // The several-choice list stays open over the form until dismissed.
  await page.keyboard.press("Escape");
  // A radio button group: its input is hidden under the label, which takes the click.
  await page.getByText("随机抽取", { exact: true }).click();
  await expect(page.getByRole("radio", { name: "随机抽取" })).toBeChecked();
  // The county's coverage default is the pool the draw picks from.
  await expect(page.getByText(/范围内在册机构 \d+ 家/)).toBeVisible();
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await button(page, "部署").click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop() as string;
}

test("an administrator plans and draws a campaign, an inspector fills a drawn assignment offline on a phone, and it is recorded once when the connection returns", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const suffix = unique();
  const campaignName = `节前安全专项检查${suffix}`;

  // The administrator, on a phone: plan, draw with a witness, and put the drawn institutions in a group.
  await login(page, "lk_admin");
  const campaignId = await planDrawnCampaign(page, campaignName);
  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible();
  await expect(page.getByText("尚未抽取检查对象：在“随机抽取”中抽取")).toBeVisible();
  await page.getByRole("tab", { name: "随机抽取" }).click();
  const drawPanel = page.getByRole("tabpanel", { name: "随机抽取" });
  await drawPanel.getByLabel("按家数").check();
  await drawPanel.getByLabel("抽取家数").fill("2");
  await drawPanel.getByLabel("见证人").fill("县纪委监委驻卫健委纪检组 李红");
  await button(drawPanel, "抽取").click();
  await button(page.locator(".ant-popover"), "抽取").click();
  await expect(drawPanel.getByText("抽中的机构（2 家，按抽中顺序）")).toBeVisible();
  await expect(drawPanel.getByText("县纪委监委驻卫健委纪检组 李红")).toBeVisible();
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);

  await page.getByRole("tab", { name: "工作组" }).click();
  const groupPanel = page.getByRole("tabpanel", { name: "工作组" });
  await button(groupPanel, "新建工作组").click();
  const create = page.getByRole("dialog", { name: "新建工作组" });
  await opened(create);
  await create.getByLabel("工作组名称").fill("第一工作组");
  await button(create, "新建").click();
  await expect(create).toBeHidden();
  await button(groupPanel, "随机分组").click();
  const spread = page.getByRole("dialog", { name: "随机分组" });
  await opened(spread);
  await button(spread, "随机分配").click();
  await expect(page.getByText("共分配 2 家机构")).toBeVisible();
  await button(page.locator(".ant-modal-confirm"), "知道了").click();
  await expect(groupPanel.getByText("2 家机构")).toBeVisible();

  // The drawn institutions are the campaign's assignments, each 未检查 and in the group.
  await page.getByRole("tab", { name: "检查对象（2）" }).click();
  const drawnCards = page.locator("#assignments .yian-row-card");
  await expect(drawnCards).toHaveCount(2);
  await expect(drawnCards.first()).toContainText("未检查");
  await expect(drawnCards.first()).toContainText("第一工作组");

  // The inspector, on a phone whose service worker keeps the app for use without a connection.
  const inspectorContext = await browser.newContext({ baseURL, viewport: PHONE, locale: "zh-CN", timezoneId: "Asia/Shanghai", serviceWorkers: "allow" });
  const inspector = await inspectorContext.newPage();
  await login(inspector, "lk_inspector");
  await inspector.goto(`/campaigns/${campaignId}`);
  const assignment = inspector.locator("#assignments .yian-row-card").first();
  await expect(assignment).toContainText("未检查");
  const institution = (await assignment.locator(".yian-card-title").innerText()).trim();
  await button(assignment, "开始检查").click();
  await expect(inspector).toHaveURL(/\/inspections\/new\?draft=[0-9a-f-]{36}$/);
  await expect(inspector.getByText(`检查工作：${campaignName}`)).toBeVisible();
  await inspector.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, {
    timeout: 30_000,
  });
  await expect.poll(() => inspector.evaluate(async () => (await caches.keys()).some((name) => name === "yian-offline-api"))).toBe(true);

  await inspectorContext.setOffline(true);
  await expect(inspector.getByText("离线")).toBeVisible();
  const item = (text: string) => inspector.getByRole("group", { name: text });
  await item(ITEMS.duty).getByText("符合", { exact: true }).click();
  await item(ITEMS.exits).getByText("符合", { exact: true }).click();
  const note = `消防控制室单人值班${suffix}`;
  const controlRoom = item(ITEMS.controlRoom);
  await controlRoom.getByText("不符合", { exact: true }).click();
  await controlRoom.getByPlaceholder("检查情况").fill(note);
  await controlRoom
    .getByLabel("拍照")
    .first()
    .setInputFiles({ name: "控制室.jpg", mimeType: "image/jpeg", buffer: await phonePhoto() });
  await expect(controlRoom.getByRole("img", { name: "现场照片" })).toBeVisible();
  const hazard = controlRoom.getByRole("group", { name: "隐患" });
  await hazard.getByLabel("隐患描述").fill(note);
  await hazard.getByLabel("隐患部位").fill("门诊楼一层消防控制室");
  await hazard.getByLabel("整改责任人").fill("保卫科李科长");

  // Each change is written to IndexedDB as it is made; the last one has landed before the reload.
  await expect.poll(() => keptDrafts(inspector)).toContain("保卫科李科长");

  // Reloaded without a connection: the draft is all there, and says what is not yet sent.
  await inspector.reload();
  await expect(inspector.getByText(`检查工作：${campaignName}`)).toBeVisible();
  await expect(inspector.getByText("未发送：检查记录 1 份，照片 1 张")).toBeVisible();
  await expect(item(ITEMS.controlRoom).getByPlaceholder("检查情况")).toHaveValue(note);
  await expect(item(ITEMS.controlRoom).getByRole("group", { name: "隐患" }).getByLabel("整改责任人")).toHaveValue("保卫科李科长");
  expect(await noSidewaysScroll(inspector)).toBeLessThanOrEqual(0);
  await button(inspector, "提交检查记录").click();
  await expect(inspector.getByText("等待发送：联网后自动提交")).toBeVisible();

  // The connection returns: the photo, then the inspection, are sent; the page shows the record.
  await inspectorContext.setOffline(false);
  await expect(inspector).toHaveURL(/\/inspections\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(inspector.getByRole("heading", { name: `检查记录：${institution}` })).toBeVisible();
  const inspectionId = inspector.url().split("/").pop() as string;

  // Once: the list of the campaign's records, picked in the query form, has it alone, with one hazard.
  await openGroupedMenu(inspector, "督导检查", "检查记录");
  await expect(inspector.getByText(/本机有 \d+ 份检查记录尚未提交/)).toHaveCount(0);
  // The picker searches the server by name: the campaign is then the one option.
  const picker = queryForm(inspector).getByLabel("检查工作", { exact: true });
  await picker.click();
  await picker.fill(campaignName);
  const found = inspector.locator(".ant-select-dropdown:visible .ant-select-item-option");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(campaignName);
  // The one match, chosen with Enter.
  await picker.press("Enter");
  await expect(queryForm(inspector).locator(".ant-select-content-has-value")).toContainText(campaignName);
  await button(queryForm(inspector), "查询").click();
  await expect(inspector).toHaveURL(new RegExp(`campaignId=${campaignId}`));
  const records = inspector.locator(".yian-row-card");
  await expect(records).toHaveCount(1);
  await expect(records.first()).toContainText(institution);
  await expect(
    records
      .first()
      .locator(".yian-card-fields > div", { has: inspector.locator("dt", { hasText: "隐患数" }) })
      .locator("dd"),
  ).toHaveText("1");
  expect(await noSidewaysScroll(inspector)).toBeLessThanOrEqual(0);
  // The ledger has its hazard once.
  await inspector.goto(`/hazards?q=${encodeURIComponent(note)}`);
  await expect(inspector.locator(".yian-row-card")).toHaveCount(1);
  await expect(inspector.locator(".yian-row-card").first()).toContainText(institution);

  // The campaign's page: the assignment is 已检查 and opens its record; the group's records are this one.
  await inspector.goto(`/campaigns/${campaignId}?q=${encodeURIComponent(institution)}`);
  const inspected = inspector.locator("#assignments .yian-row-card").first();
  await expect(inspected).toContainText("已检查");
  await button(inspected, "查看检查记录").click();
  await expect(inspector).toHaveURL(new RegExp(`/inspections/${inspectionId}$`));
  await inspector.goto(`/campaigns/${campaignId}?tab=groups`);
  await inspector.getByRole("link", { name: /本组检查记录/ }).click();
  await expect(inspector).toHaveURL(/groupId=[0-9a-f-]{36}/);
  await expect(inspector.locator(".yian-row-card")).toHaveCount(1);
  // The campaign's 共性问题: the one hazard its inspection found, in its category.
  await inspector.goto(`/campaigns/${campaignId}`);
  await inspector.getByRole("button", { name: "共性问题" }).click();
  await expect(inspector).toHaveURL(new RegExp(`campaignId=${campaignId}`));
  await expect(inspector.locator(".ant-table-tbody tr.ant-table-row")).toHaveCount(1);
  expect(await noSidewaysScroll(inspector)).toBeLessThanOrEqual(0);
  await inspectorContext.close();

  // What the administrator sees, on the phone and on a desk: progress 1 of 2, and each tab of the page.
  await page.goto(`/campaigns/${campaignId}`);
  await expect(page.getByText("已检查").first()).toBeVisible();
  for (const [viewport, device] of [
    [PHONE, "phone"],
    [DESKTOP, "desktop"],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const tab of ["assignments", "groups", "draws"]) {
      await page.goto(`/campaigns/${campaignId}${tab === "assignments" ? "" : `?tab=${tab}`}`);
      await expect(page.locator(".ant-skeleton, .ant-spin-spinning")).toHaveCount(0);
      await page.waitForLoadState("networkidle");
      expect(await noSidewaysScroll(page), `${tab} on ${device}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: test.info().outputPath(`campaign-${tab}-${device}.png`), fullPage: true });
    }
  }
});
