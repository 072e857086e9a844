import { expect, type Page, test } from "@playwright/test";
import { button, chooseOption, login, openGroupedMenu, queryForm, tableRows, unique } from "./support";

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Plans a campaign with the coverage default through the form, as the county's administrator; answers its page's address. */
async function planCampaign(page: Page, name: string) {
  await openGroupedMenu(page, "督导检查", "检查工作");
  await button(page, "部署检查工作").click();
  await expect(page.getByRole("heading", { name: "部署检查工作" })).toBeVisible();
  await page.getByRole("textbox", { name: /^\*?\s*检查工作名称$/ }).fill(name);
  await page.getByPlaceholder("开始日期").click();
  await page.getByPlaceholder("开始日期").fill("2026-12-01");
  await page.getByPlaceholder("结束日期").fill("2026-12-31");
  await page.getByPlaceholder("结束日期").press("Enter");
  const form = page.locator("form");
  await chooseOption(form, "检查表", "节前安全检查表");
  // The coverage default of a county: its 一级 institutions, counted before anything is written.
  await expect(page.getByRole("radio", { name: /全覆盖默认（一级机构）/ })).toBeChecked();
  const counted = page.getByText(/范围内在册机构 \d+ 家/);
  await expect(counted).toBeVisible();
  const inScope = Number((await counted.textContent())?.match(/(\d+) 家/)?.[1]);
  expect(inScope).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath("campaign-form.png"), fullPage: true });
  await button(page, "部署").click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  return inScope;
}

test("a county administrator plans a campaign with the coverage default and sees its assignments and coverage", async ({ page }) => {
  const name = `兰考县专项检查${unique()}`;
  await login(page, "lk_admin");
  const inScope = await planCampaign(page, name);

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("全覆盖默认范围：一级机构")).toBeVisible();
  await expect(page.getByText("四不两直")).toBeVisible();
  // Coverage by jurisdiction: 兰考县 with every institution still 未检查.
  await page.getByRole("tab", { name: "覆盖情况" }).click();
  const coverage = page.getByRole("tabpanel", { name: "覆盖情况" });
  await expect(coverage.getByRole("link", { name: "兰考县", exact: true })).toBeVisible();
  // Its count opens the institutions it counts, on the assignments' tab.
  await coverage.getByRole("link", { name: `兰考县未检查：${inScope} 家，查看列表` }).click();
  await expect(page).toHaveURL(/jurisdictionCode=410225&state=pending$/);
  const assignments = page.locator("#assignments");
  await expect(queryForm(assignments).getByText("未检查")).toBeVisible();
  await button(queryForm(assignments), "重置").click();
  await expect(page).not.toHaveURL(/state=/);
  // The assignments: one row per institution, each 未检查 for the period.
  await expect(assignments.getByText(`共 ${inScope} 条`)).toBeVisible();
  const rows = assignments.locator(".ant-table-tbody .ant-table-row");
  await expect(rows.first()).toContainText("2026-12-01 至 2026-12-31");
  await expect(rows.first()).toContainText("未检查");
  await page.screenshot({ path: test.info().outputPath("campaign-detail.png"), fullPage: true });

  // 不适用 needs a reason; the row then says why.
  await button(rows.first(), "不适用").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("不适用原因").fill("停业装修");
  await button(dialog, "确定").click();
  await expect(rows.filter({ hasText: "停业装修" })).toHaveCount(1);

  // The list shows the new campaign with its progress.
  await page.getByRole("menuitem", { name: "检查工作" }).click();
  await expect(tableRows(page).filter({ hasText: name })).toContainText(`1 / ${inScope}`);

  // The standing ledger counts the county's 一级 institutions and lists those not inspected this quarter.
  await page.getByRole("menuitem", { name: "督查全覆盖台账" }).click();
  await expect(page.getByText("应覆盖机构").first()).toBeVisible();
  await expect(page.locator("#gaps .ant-table-row").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("coverage-ledger.png"), fullPage: true });
});

test("a city's ledger has a line and a bar for each of its counties, and opens a county's own", async ({ page }) => {
  await login(page, "kf_admin");
  await openGroupedMenu(page, "督导检查", "督查全覆盖台账");
  const ledger = page.locator(".ant-card").first();
  await expect(ledger).toContainText("应覆盖二级、一级机构");
  await expect(ledger.locator(".ant-table-row", { hasText: "兰考县" })).toBeVisible();
  // The stacked bars (ECharts, SVG) draw a bar per county.
  await expect(ledger.locator("svg").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("city-coverage-ledger.png"), fullPage: true });
  await ledger.getByRole("link", { name: "兰考县", exact: true }).click();
  await expect(page).toHaveURL(/jurisdictionCode=410225/);
  await expect(page.locator(".ant-card").first()).toContainText("兰考县：应覆盖一级机构");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the campaign pages fit a 390 px wide screen", async ({ page }) => {
    await login(page, "lk_admin");
    await page.goto("/campaigns");
    const name = `手机专项检查${unique()}`;
    // The menu sits in a drawer on a phone: the form is opened by its address.
    await page.goto("/campaigns/new");
    await page.getByLabel("检查工作名称").fill(name);
    await page.getByPlaceholder("开始日期").click();
    await page.getByPlaceholder("开始日期").fill("2026-12-01");
    await page.getByPlaceholder("结束日期").fill("2026-12-31");
    await page.getByPlaceholder("结束日期").press("Enter");
    await chooseOption(page.locator("form"), "检查表", "节前安全检查表");
    await expect(page.getByText(/范围内在册机构 \d+ 家/)).toBeVisible();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("phone-campaign-form.png"), fullPage: true });
    await button(page, "部署").click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await expect(page.locator(".yian-row-card").first()).toBeVisible();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("phone-campaign-detail.png"), fullPage: true });
    for (const path of ["/campaigns", "/coverage"]) {
      await page.goto(path);
      await expect(page.locator(".ant-skeleton, .ant-spin-spinning")).toHaveCount(0);
      await page.waitForLoadState("networkidle");
      expect(await noSidewaysScroll(page), path).toBeLessThanOrEqual(0);
      await page.screenshot({ path: test.info().outputPath(`phone${path.replace("/", "-")}.png`), fullPage: true });
    }
  });

  test("an institution's 检查安排 does not show an unannounced campaign", async ({ page }) => {
    await login(page, "lkyy_admin");
    await page.goto("/my-assignments");
    await expect(page.getByRole("heading", { name: "检查安排" })).toBeVisible();
    await expect(page.locator(".ant-skeleton, .ant-spin-spinning")).toHaveCount(0);
    // The county's campaigns planned above are unannounced (the form's default): nothing of them shows here.
    await expect(page.getByText(/专项检查/)).toHaveCount(0);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("phone-my-assignments.png"), fullPage: true });
  });
});
