import { expect, type Page, test } from "@playwright/test";
import { button, chooseOption, login, queryForm, tableRows, unique, withApiAs } from "./support";

/** Types a day or a year into an antd date picker and takes it, as a user who knows the date does. */
async function typeDate(page: Page, field: ReturnType<Page["getByLabel"]>, text: string) {
  await field.click();
  await field.fill(text);
  await field.press("Enter");
  await page.keyboard.press("Escape");
}

test.describe("on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the system administrator corrects days, finds one year's in the list by its query form, sorts them by day in the URL and withdraws one", async ({
    page,
  }) => {
    await login(page, "sysadmin");
    await page.getByRole("menuitem", { name: "工作日历" }).click();
    const correction = page.locator("form").filter({ has: button(page, "更正") });
    for (const [day, kind, note] of [
      ["2031-02-08", "休息日（节假日）", "测试：春节"],
      ["2031-10-11", "工作日（调休上班）", "测试：调休"],
      ["2032-01-31", "工作日（调休上班）", "测试：下一年"],
    ] as const) {
      await typeDate(page, correction.getByLabel("日期"), day);
      await chooseOption(correction, "该日为", kind);
      await correction.getByLabel("说明").fill(note);
      await button(correction, "更正").click();
      await expect(tableRows(page).filter({ hasText: day })).toHaveCount(1);
    }
    await expect(page.getByRole("columnheader", { name: "序号" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "操作" })).toBeVisible();

    const form = queryForm(page);
    await typeDate(page, form.getByLabel("年份"), "2031");
    await button(form, "查询").click();
    await expect(page).toHaveURL(/year=2031/);
    await expect(tableRows(page)).toHaveCount(2);
    await expect(tableRows(page).first()).toContainText("2031-02-08");

    await page.getByRole("columnheader", { name: "日期" }).click();
    await expect(page).toHaveURL(/sort=day&order=desc/);
    await expect(tableRows(page).first()).toContainText("2031-10-11");

    await chooseOption(form, "该日为", "休息日（节假日）");
    await button(form, "查询").click();
    await expect(page).toHaveURL(/kind=holiday/);
    await expect(tableRows(page)).toHaveCount(1);
    await button(form, "重置").click();
    await expect(page).not.toHaveURL(/year=|kind=/);
    await expect(page).toHaveURL(/sort=day&order=desc/);
    await expect(tableRows(page).first()).toContainText("2032-01-31");

    await tableRows(page)
      .filter({ hasText: "2031-10-11" })
      .getByRole("button", { name: /撤\s*销/ })
      .click();
    await button(page.locator(".ant-popconfirm"), "确定").click();
    await expect(tableRows(page).filter({ hasText: "2031-10-11" })).toHaveCount(0);
    await expect(tableRows(page).filter({ hasText: "2031-02-08" })).toHaveCount(1);
  });

  test("the county administrator adds a hazard category, sees it numbered in the list and opens the ledger of that category from its 操作", async ({
    page,
  }) => {
    const name = `电梯安全${unique()}`;
    await login(page, "lk_admin");
    await page.getByRole("menuitem", { name: "隐患设置" }).click();
    await expect(page.getByRole("columnheader", { name: "序号" })).toBeVisible();
    await expect(tableRows(page).filter({ hasText: "消防安全" })).toContainText("内置");
    await page.getByLabel("类别名称").fill(name);
    await button(page, "增加类别").click();
    const added = tableRows(page).filter({ hasText: name });
    await expect(added).toHaveCount(1);
    await expect(added).toContainText("兰考");
    await added.getByRole("link", { name: "查看隐患" }).click();
    await expect(page).toHaveURL(new RegExp(`/hazards\\?category=${encodeURIComponent(name)}`));
    await expect(page.getByText("没有符合条件的记录")).toBeVisible();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("both settings pages show their lists as numbered cards with their actions, and nothing scrolls sideways", async ({ page, baseURL }) => {
    await withApiAs(baseURL as string, "sysadmin", async (api) => {
      const session = await (await api.get("/api/auth/session")).json();
      const corrected = await api.put("/api/calendar-corrections/2033-05-07", {
        headers: { "x-csrf-token": session.csrfToken },
        data: { kind: "workday", note: "测试：手机" },
      });
      expect(corrected.ok()).toBe(true);
    });
    for (const [user, path, card, action] of [
      ["lk_admin", "/settings/hazards", "消防安全", "查看隐患"],
      ["sysadmin", "/settings/calendar", "2033-05-07", "撤销"],
    ] as const) {
      await login(page, user);
      await page.goto(path);
      const cards = page.locator(".yian-row-card");
      await expect(cards.filter({ hasText: card })).toHaveCount(1);
      await expect(cards.filter({ hasText: card })).toContainText("#");
      await expect(cards.filter({ hasText: card }).getByText(new RegExp([...action].join("\\s*")))).toBeVisible();
      await expect(tableRows(page)).toHaveCount(0);
      await page.waitForLoadState("networkidle");
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        `${path} is wider than the screen`,
      ).toBeLessThanOrEqual(0);
      await page.context().clearCookies();
    }
  });
});
