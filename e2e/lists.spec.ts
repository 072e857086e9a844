import { expect, test } from "@playwright/test";
import { button, chooseOption, login, queryForm, tableRows } from "./support";

test("a list's query, sort and page live in the URL: a reload shows the same page, a page past the end the last one", async ({ page }) => {
  await login(page, "kf_admin");
  await page.getByRole("menuitem", { name: "机构管理" }).click();
  await expect(page).toHaveTitle("机构管理 - 医安");
  const form = queryForm(page);
  const activePage = page.locator(".ant-pagination-item-active");

  // Filters apply together, on 查询.
  await form.getByLabel("机构名称").fill("卫生");
  await button(form, "展开").click();
  await chooseOption(form, "等级", "未定级");
  await expect(page).not.toHaveURL(/grade=/);
  await button(form, "查询").click();
  await expect(page).toHaveURL(/grade=ungraded/);
  await expect(page).toHaveURL(/q=%E5%8D%AB%E7%94%9F/);

  // A header sorts; its order is kept in the URL.
  const loading = page.locator(".ant-table-wrapper .ant-spin-spinning");
  await page.locator(".ant-table-thead th", { hasText: "床位数" }).click();
  await expect(page).toHaveURL(/sort=beds&order=asc/);
  await expect(loading).toHaveCount(0);
  await page.locator(".ant-table-thead th", { hasText: "床位数" }).click();
  await expect(page).toHaveURL(/sort=beds&order=desc/);

  await page.locator(".ant-pagination-item-2").click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(activePage).toHaveText("2");
  await expect(loading).toHaveCount(0);
  // 序号 continues from the first page.
  await expect(tableRows(page).first().locator("td").first()).toHaveText("21");
  const firstRow = await tableRows(page).first().textContent();

  await page.reload();
  await expect(activePage).toHaveText("2");
  await expect(queryForm(page).getByLabel("机构名称")).toHaveValue("卫生");
  await expect(page.locator(".ant-table-thead th", { hasText: "床位数" })).toHaveAttribute("aria-sort", "descending");
  await expect(tableRows(page).first()).toHaveText(firstRow ?? "");

  // An old link to a page that no longer exists shows the last page instead of an empty table.
  await page.goto("/institutions?grade=ungraded&pageSize=50&page=9999");
  const total = Number((await page.getByText(/^共 \d+ 条$/).textContent())?.match(/\d+/)?.[0]);
  const lastPage = Math.ceil(total / 50);
  await expect(page).toHaveURL(new RegExp(`[?&]page=${lastPage}(&|$)`));
  await expect(tableRows(page)).toHaveCount(total - (lastPage - 1) * 50);

  // 重置 clears the filters but keeps the page size.
  await button(queryForm(page), "重置").click();
  await expect(page).not.toHaveURL(/grade=/);
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(tableRows(page)).toHaveCount(50);
});

test("an empty result offers to clear the filters", async ({ page }) => {
  await login(page, "lk_inspector");
  await page.goto("/institutions?q=没有这样的机构&grade=grade3");
  await expect(page.getByText("没有符合条件的记录")).toBeVisible();
  await button(page, "清除筛选条件").click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(tableRows(page).first()).toBeVisible();
});
