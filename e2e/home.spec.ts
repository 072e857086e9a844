import { expect, test } from "@playwright/test";
import { login, tableRows } from "./support";

test("the province's home breaks counts down by city; a figure opens the list it counts", async ({ page }) => {
  await login(page, "hn_admin");
  await expect(page).toHaveTitle("首页 - 医安");
  const byCity = page.locator(".ant-card", { hasText: "各市在册机构" });
  const kaifeng = byCity.locator(".ant-table-row", { hasText: "开封市" });
  await expect(kaifeng).toBeVisible();
  const ungraded = Number(await kaifeng.locator("td").nth(4).textContent());
  expect(ungraded).toBeGreaterThan(0);
  await kaifeng.locator("td").nth(4).getByRole("link").click();
  await expect(page).toHaveURL(/\/institutions\?jurisdictionCode=410200&grade=ungraded/);
  await expect(page.getByText(`共 ${ungraded} 条`)).toBeVisible();
  await expect(tableRows(page).first()).toContainText("未定级");
});

test("a city's home breaks counts down by county and category", async ({ page }) => {
  await login(page, "kf_admin");
  const byCounty = page.locator(".ant-card", { hasText: "各县（市、区）在册机构" });
  await byCounty.getByText("按类别").click();
  await expect(page).toHaveURL(/by=group/);
  await expect(byCounty.locator(".ant-table-thead")).toContainText("基层医疗卫生机构");
  const lankao = byCounty.locator(".ant-table-row", { hasText: "兰考县" });
  await lankao.getByRole("link", { name: /基层医疗卫生机构：\d+ 家/ }).click();
  await expect(page).toHaveURL(/jurisdictionCode=410225&typeGroup=primary/);
  await expect(tableRows(page).first()).toBeVisible();
});
