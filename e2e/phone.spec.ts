import { expect, test } from "@playwright/test";
import { login } from "./support";

test.use({ viewport: { width: 390, height: 844 } });

/** Pages of each kind of user; none may scroll sideways on a phone. */
const PAGES: [string, string[]][] = [
  ["hn_admin", ["/", "/institutions", "/users"]],
  ["lk_admin", ["/", "/institutions?typeGroup=hospital", "/institutions/new"]],
  ["lkyy_admin", ["/", "/my-institution", "/my-institution?tab=accounts", "/my-institution?tab=history"]],
  ["sysadmin", ["/audit"]],
];

for (const [user, paths] of PAGES) {
  test(`${user}'s pages fit a 390 px wide phone, with no sideways scrolling`, async ({ page }) => {
    await login(page, user);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator(".ant-skeleton, .ant-spin-spinning")).toHaveCount(0);
      await page.waitForLoadState("networkidle");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
      // Nothing inside scrolls sideways either: tables turn into cards.
      const scrollers = await page.evaluate(
        () => [...document.querySelectorAll<HTMLElement>(".ant-table-content, .ant-table-body")].filter((el) => el.scrollWidth > el.clientWidth + 1).length,
      );
      expect(scrollers, `${path} has a table that scrolls sideways`).toBe(0);
    }
  });
}

test("on a phone a list shows its rows as cards, sorted from a menu kept in the URL", async ({ page }) => {
  await login(page, "lk_admin");
  await page.goto("/institutions");
  const cards = page.locator(".yian-row-card");
  await expect(cards.first()).toBeVisible();
  await expect(page.locator(".ant-table-tbody .ant-table-row")).toHaveCount(0);
  await expect(cards.first()).toContainText("机构类型");
  await page.getByLabel("排序").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "床位数 ↓" }).click();
  await expect(page).toHaveURL(/sort=beds&order=desc/);
});
