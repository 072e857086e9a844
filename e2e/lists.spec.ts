import { expect, test } from "@playwright/test";
import { button, chooseOption, login } from "./support";

test("a list's filters and page live in the URL: a reload shows the same page, a page past the end the last one", async ({ page }) => {
  await login(page, "kf_admin");
  await page.getByRole("menuitem", { name: "机构管理" }).click();
  const rows = page.locator(".ant-table-tbody .ant-table-row");
  const activePage = page.locator(".ant-pagination-item-active");
  const gradeFilter = page.locator(".ant-select").filter({ has: page.getByLabel("等级") });

  // Text typed but never searched does not outlive another filter's change.
  await page.getByLabel("搜索机构").fill("未搜索的文字");
  await chooseOption(page.locator("body"), "等级", "未定级");
  await expect(page).toHaveURL(/grade=ungraded/);
  await expect(page.getByLabel("搜索机构")).toHaveValue("");

  await page.locator(".ant-pagination-item-2").click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(activePage).toHaveText("2");
  // Page 1 stays on screen, under a spinner, until page 2 has arrived.
  await expect(page.locator(".ant-table-wrapper .ant-spin-spinning")).toHaveCount(0);
  const firstRow = await rows.first().textContent();

  await page.reload();
  await expect(activePage).toHaveText("2");
  await expect(gradeFilter).toContainText("未定级");
  await expect(rows.first()).toHaveText(firstRow ?? "");

  // An old link to a page that no longer exists shows the last page instead of an empty table.
  await page.goto("/institutions?grade=ungraded&pageSize=50&page=9999");
  const total = Number((await page.getByText(/^共 \d+ 条$/).textContent())?.match(/\d+/)?.[0]);
  const lastPage = Math.ceil(total / 50);
  await expect(page).toHaveURL(new RegExp(`[?&]page=${lastPage}(&|$)`));
  await expect(activePage).toHaveText(String(lastPage));
  await expect(rows).toHaveCount(total - (lastPage - 1) * 50);

  // 重置 clears the filters but keeps the page size.
  await button(page, "重置").click();
  await expect(page).not.toHaveURL(/grade=/);
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(rows).toHaveCount(50);
});
