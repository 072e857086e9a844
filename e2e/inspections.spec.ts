import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { button, login, makeCampaignInDatabase, unique, withApiAs } from "./support";

const HOSPITAL = "兰考县人民医院";
const PHONE = { width: 390, height: 844 };

/** A phone photo: large, so the page has to make it smaller before it is kept and sent; with the EXIF capture time a camera writes, when given. */
const phonePhoto = (colour: string, takenAt?: string) => {
  const photo = sharp({ create: { width: 3000, height: 2000, channels: 3, background: colour } }).jpeg();
  return (takenAt ? photo.withExifMerge({ IFD2: { DateTimeOriginal: takenAt } }) : photo).toBuffer();
};

test("an inspector fills a campaign's inspection on a phone without a connection, reloads, and it is created once when the connection returns", async ({
  browser,
  baseURL,
}) => {
  const campaignName = `季度督导检查${unique()}`;
  const { campaignId, institutionId } = await makeCampaignInDatabase({ authorityCode: "410225", institutionName: HOSPITAL, name: campaignName });
  const context = await browser.newContext({ baseURL, viewport: PHONE, locale: "zh-CN", timezoneId: "Asia/Shanghai", serviceWorkers: "allow" });
  const page = await context.newPage();
  await login(page, "lk_inspector");

  await page.goto(`/inspections/new?institutionId=${institutionId}&campaignId=${campaignId}`);
  await expect(page).toHaveURL(/\/inspections\/new\?draft=[0-9a-f-]{36}$/);
  await expect(page.getByText(`检查工作：${campaignName}`)).toBeVisible();
  // The service worker is in control: the shell, its font and the session load without a connection from now on.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, {
    timeout: 30_000,
  });
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).some((name) => name === "yian-offline-api"))).toBe(true);

  await context.setOffline(true);
  await expect(page.getByText("离线")).toBeVisible();
  const note = `配电间私拉电线${unique()}`;
  const item = (text: string) => page.getByRole("group", { name: text });
  await item("安全出口、疏散通道畅通").getByText("符合", { exact: true }).click();
  const extinguishers = item("灭火器完好有效");
  await extinguishers.getByText("符合", { exact: true }).click();
  // Taken on site at 10:15 on 20 May (China time): the resized photo loses its EXIF, the capture time must not be lost with it.
  await extinguishers.getByLabel("拍照").setInputFiles({ name: "灭火器.jpg", mimeType: "image/jpeg", buffer: await phonePhoto("#c33", "2026:05:20 10:15:00") });
  await expect(extinguishers.getByRole("img", { name: "现场照片" })).toBeVisible();
  const wiring = item("无私拉乱接电线");
  await wiring.getByText("不符合", { exact: true }).click();
  await wiring.getByPlaceholder("检查情况").fill(note);
  await wiring
    .getByLabel("拍照")
    .first()
    .setInputFiles({ name: "电线.jpg", mimeType: "image/jpeg", buffer: await phonePhoto("#36c") });
  const hazard = wiring.getByRole("group", { name: "隐患" });
  await expect(hazard).toBeVisible();
  await hazard.getByLabel("隐患描述").fill(note);
  await hazard.getByLabel("隐患部位").fill("门诊楼一层配电间");
  await hazard.getByLabel("整改责任人").fill("后勤科王科长");
  await page.getByLabel("被检查单位负责人").fill("张院长");
  // The representative signs with a finger.
  const pad = page.getByLabel("签名区");
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error("no signature pad");
  await page.mouse.move(box.x + 20, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
  await page.mouse.move(box.x + 220, box.y + 30, { steps: 8 });
  await page.mouse.up();
  await button(page, "确认签名").click();
  await expect(page.getByRole("img", { name: "负责人签名" })).toBeVisible();
  // The photo was made smaller on the phone before it was kept: long side 1600 px, JPEG.
  const kept = await page.evaluate(async () => {
    const request = indexedDB.open("yian-inspections");
    const db = await new Promise<IDBDatabase>((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    const photos = await new Promise<{ fileName: string; blob: Blob; capturedAt?: string }[]>((resolve) => {
      const all = db.transaction("photos").objectStore("photos").getAll();
      all.onsuccess = () => resolve(all.result);
    });
    return Promise.all(
      photos.map(async (p) => {
        const bitmap = await createImageBitmap(p.blob);
        return { name: p.fileName, type: p.blob.type, width: bitmap.width, height: bitmap.height, capturedAt: p.capturedAt };
      }),
    );
  });
  expect(kept.filter((p) => p.type === "image/jpeg").map((p) => [p.width, p.height])).toEqual([
    [1600, 1067],
    [1600, 1067],
  ]);
  // The capture time was read before the photo was made smaller, and is kept with it on the device.
  expect(Object.fromEntries(kept.map((p) => [p.name, p.capturedAt]))).toMatchObject({ "灭火器.jpg": "2026-05-20T02:15:00.000Z", "电线.jpg": undefined });

  // Reloaded without a connection: the app opens and the draft is all there.
  // (Chromium reports navigator.onLine afresh in the reloaded page, so the page may say 在线: the outbox then finds out by trying.)
  await page.reload();
  await expect(page.getByText(`检查工作：${campaignName}`)).toBeVisible();
  await expect(page.getByText("未发送：检查记录 1 份，照片 3 张")).toBeVisible();
  await expect(item("无私拉乱接电线").getByPlaceholder("检查情况")).toHaveValue(note);
  await expect(item("无私拉乱接电线").getByRole("group", { name: "隐患" }).getByLabel("整改责任人")).toHaveValue("后勤科王科长");
  await expect(page.getByRole("img", { name: "负责人签名" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  await button(page, "提交检查记录").click();
  await expect(page.getByText("等待发送：联网后自动提交")).toBeVisible();
  // The try found no connection, whatever the reloaded page's navigator.onLine says.
  await expect(page.getByText("离线")).toBeVisible();
  await page.screenshot({ path: "test-results/inspection-offline-phone.png", fullPage: true });

  // The connection returns: photos, then the inspection, are sent, and the page shows what was recorded.
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/inspections\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: `检查记录：${HOSPITAL}` })).toBeVisible();
  await expect(page.getByText(note).first()).toBeVisible();
  // The photo shows when it was taken on site, as the phone read it before resizing.
  await expect(page.getByTitle("拍摄时间（照片自带）")).toHaveText(/2026-05-20 10:15/);
  await page.screenshot({ path: "test-results/inspection-detail-phone.png", fullPage: true });
  const inspectionId = page.url().split("/").pop() as string;

  await withApiAs(baseURL as string, "lk_inspector", async (api) => {
    const listed = await (await api.get("/api/inspections", { params: { campaignId } })).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ id: inspectionId, hazardCount: 1, nonCompliantCount: 1 });
    const detail = await (await api.get(`/api/inspections/${inspectionId}`)).json();
    expect(detail.signature).not.toBeNull();
    expect(detail.sections[0].items[1].photos).toMatchObject([{ capturedAt: "2026-05-20T02:15:00.000Z" }]);
    // The ledger has the hazard once, found by this inspection.
    const ledger = await (await api.get("/api/hazards", { params: { q: note } })).json();
    expect(ledger.total).toBe(1);
    expect(ledger.items[0].id).toBe(detail.hazards[0].id);
    const pdf = await api.get(`/api/inspections/${inspectionId}/pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
  });
  // The list finds it by its campaign, on a phone without sideways scrolling.
  await page.goto(`/inspections?campaignId=${campaignId}`);
  await expect(page.getByText(HOSPITAL).first()).toBeVisible();
  await expect(page.locator(".ant-spin-spinning")).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/inspection-list-phone.png", fullPage: true });
  await context.close();
});
