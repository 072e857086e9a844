import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { button, login, openGroupedMenu, queryForm, unique } from "./support";

/** The e2e server's embedded cluster (e2e/serve.ts sets the port; the user and password are the embedded cluster's). */
const DATABASE_URL = "postgres://yian:yian-embedded@127.0.0.1:54391/yian";
const LANKAO = "410225";

/** A campaign of 兰考 chosen by draw, written straight into the database (inspection-campaign.spec.ts plans one through the form). */
async function makeDrawCampaign(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `insert into campaign (authority_code, authority_path, name, kind, selection, period_start, period_end, scope_rule)
       select code, path, $2, 'quarterly', 'draw', '2026-04-01', '2026-06-30', $3::jsonb from jurisdiction where code = $1
       returning id`,
      // The stored form of a scope by conditions with none given: every institution on the county's register.
      [LANKAO, name, JSON.stringify({ kind: "filter", jurisdictionCodes: [], types: [], grades: [] })],
    );
    return rows[0]?.id as string;
  } finally {
    await client.end();
  }
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function addExpert(page: Page, name: string, speciality: string, conflict?: string) {
  await button(page, "增加专家").click();
  const dialog = page.getByRole("dialog", { name: "增加专家" });
  await dialog.getByLabel("姓名").fill(name);
  await dialog.getByLabel("专业领域").fill(speciality);
  if (conflict) {
    const field = dialog.getByLabel("回避机构");
    await field.click();
    await field.fill(conflict);
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: conflict }).first().click();
    await page.keyboard.press("Escape");
  }
  await button(dialog, "增加").click();
  await expect(dialog).toBeHidden();
}

test("an authority administrator adds two experts, forms a group, draws with a witness, publishes, and the public page shows only the result", async ({
  page,
  browser,
}) => {
  const suffix = unique();
  const campaignName = `2026年第二季度双随机抽查${suffix}`;
  const campaignId = await makeDrawCampaign(campaignName);
  const [fireExpert, powerExpert] = [`消防专家${suffix}`, `电气专家${suffix}`];

  await login(page, "lk_admin");
  await openGroupedMenu(page, "督导检查", "专家库");
  await addExpert(page, fireExpert, "消防安全", "兰考县人民医院");
  await addExpert(page, powerExpert, "电气安全");
  await queryForm(page).getByLabel("姓名").fill(suffix);
  await button(queryForm(page), "查询").click();
  await expect(page.getByRole("cell", { name: fireExpert, exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: powerExpert, exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(fireExpert) }).getByRole("cell", { name: "兰考县人民医院", exact: true })).toBeVisible();

  await page.goto(`/campaigns/${campaignId}?tab=groups`);
  await button(page, "新建工作组").click();
  const create = page.getByRole("dialog", { name: "新建工作组" });
  await create.getByLabel("工作组名称").fill("第一工作组");
  await button(create, "新建").click();
  await expect(create).toBeHidden();
  await button(page, "成员").click();
  const members = page.getByRole("dialog", { name: "第一工作组成员" });
  const head = members.getByLabel("组长");
  await head.click();
  await head.fill("兰考县卫健委管理员");
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "兰考县卫健委管理员" }).first().click();
  const experts = members.getByLabel("专家", { exact: true });
  await experts.click();
  await experts.fill(fireExpert);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: fireExpert }).first().click();
  await page.keyboard.press("Escape");
  await members.screenshot({ path: "test-results/draws-members-dialog.png" });
  await button(members, "保存").click();
  await expect(members).toBeHidden();
  await expect(page.getByText("组长 兰考县卫健委管理员（领导）")).toBeVisible();
  await expect(page.getByText(`${fireExpert}（专家）`)).toBeVisible();

  await page.goto(`/campaigns/${campaignId}?tab=draws`);
  await page.getByLabel("按家数").check();
  await page.getByLabel("抽取家数").fill("3");
  await page.getByLabel("见证人").fill("县纪委监委驻卫健委纪检组 李红");
  await page.getByLabel("随机种子").fill(`e2e-${suffix}`);
  await page.screenshot({ path: "test-results/draws-form-desktop.png", fullPage: true });
  await button(page, "抽取").click();
  await button(page.locator(".ant-popover"), "抽取").click();
  await expect(page.getByText("抽取记录")).toBeVisible();
  await expect(page.getByText("县纪委监委驻卫健委纪检组 李红")).toBeVisible();
  await expect(page.getByText(`e2e-${suffix}`)).toBeVisible();
  await expect(page.getByText("sha256-xoroshiro128plus-fisher-yates（第 1 版）")).toBeVisible();
  await expect(page.getByText("抽中的机构（3 家，按抽中顺序）")).toBeVisible();
  const drawnNames = (await page.locator(".ant-list-item .ant-typography strong, .ant-list-item strong").allInnerTexts()).map((text) =>
    text.replace(/^\d+\.\s*/, ""),
  );
  expect(drawnNames).toHaveLength(3);

  await button(page, "按记录复核").click();
  await expect(page.getByText("按记录的抽取池复核：结果与记录一致")).toBeVisible();
  await button(page, "按当前抽取池复核").click();
  await expect(page.getByText("按当前的抽取池复核：结果与记录一致")).toBeVisible();
  await page.screenshot({ path: "test-results/draws-record-desktop.png", fullPage: true });

  await button(page, "公示").click();
  await button(page.locator(".ant-popover"), "公示").click();
  const link = page.getByRole("link", { name: "打开公示页" });
  await expect(link).toBeVisible();
  const publicPath = (await link.getAttribute("href")) as string;
  expect(publicPath).toMatch(/^\/public\/draws\/[A-Za-z0-9_-]{22}$/);

  // Anyone, on a phone, without signing in.
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const phone = await visitor.newPage();
  await phone.goto(publicPath);
  await expect(phone.getByText("双随机抽查结果公示")).toBeVisible();
  await expect(phone.getByText(campaignName)).toBeVisible();
  await expect(phone.getByText("兰考县卫生健康委员会")).toBeVisible();
  for (const name of drawnNames) await expect(phone.getByText(name, { exact: false }).first()).toBeVisible();
  await expect(phone.getByText("未检查")).toHaveCount(3);
  const text = await phone.locator("body").innerText();
  for (const secret of [fireExpert, powerExpert, "李红", `e2e-${suffix}`, "兰考县卫健委管理员"]) expect(text).not.toContain(secret);
  expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(0);
  await phone.screenshot({ path: "test-results/draws-public-phone.png", fullPage: true });

  // A guessed address finds nothing.
  await phone.goto(`/public/draws/${"A".repeat(22)}`);
  await expect(phone.getByText("未找到该公示")).toBeVisible();
  await visitor.close();

  // By hand, a group takes institutions of this campaign only: the picker offers the three drawn, not the register.
  await page.goto(`/campaigns/${campaignId}?tab=groups`);
  await button(page, "分配机构").click();
  const assign = page.getByRole("dialog", { name: "分配机构到第一工作组" });
  await assign.getByLabel("机构").click();
  const options = page.locator(".ant-select-dropdown:visible .ant-select-item-option");
  await expect(options).toHaveCount(3);
  await expect.poll(async () => (await options.allTextContents()).map((label) => label.replace(/（[^（]*）$/, "")).sort()).toEqual([...drawnNames].sort());
  const chosen = drawnNames.find((name) => name !== "兰考县人民医院") as string;
  await options.filter({ hasText: chosen }).click();
  await page.keyboard.press("Escape");
  await button(assign, "分配").click();
  await expect(assign).toBeHidden();
  await expect(page.locator(".ant-list-item", { hasText: chosen })).toBeVisible();

  // The admin's pages work on a phone too.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/campaigns/${campaignId}?tab=draws`);
  await expect(page.getByText("抽取记录")).toBeVisible();
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/draws-record-phone.png", fullPage: true });
  await page.goto(`/campaigns/${campaignId}?tab=groups`);
  await expect(page.getByText("第一工作组")).toBeVisible();
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/draws-groups-phone.png", fullPage: true });
  await page.goto("/experts");
  await expect(page.getByText(fireExpert).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/draws-experts-phone.png", fullPage: true });
});
