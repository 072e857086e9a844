import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { setUpTestApp } from "../../test/harness";
import { type PdfDocument, renderPdf, stopPdfWorkers } from "./pdf";
import { definitionOf } from "./pdf-worker";

const ctx = setUpTestApp();

const PARAGRAPH = "医疗机构应当建立健全安全生产责任制，落实隐患排查治理，配电间、氧气站、危险化学品库房等重点部位每日巡查，发现问题立即整改。";

/** About thirty pages of Chinese text: over a second of CPU to lay out and subset, were it on the main thread. */
const LARGE: PdfDocument = {
  content: Array.from({ length: 600 }, (_, i) => ({ text: `${i + 1}. ${PARAGRAPH}${PARAGRAPH}` })),
  footer: { text: "第 {page} 页 / 共 {pages} 页", alignment: "center", fontSize: 8 },
};

const pagesOf = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;

describe("PDF rendering in worker threads", () => {
  it("keeps the event loop free while a large document renders: the loop never stalls for long and another request answers first", async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    let renderedAt = Number.POSITIVE_INFINITY;
    const rendering = renderPdf(LARGE).then((pdf) => {
      renderedAt = performance.now();
      return pdf;
    });
    // Ask while the worker is busy (its start and the layout take well over these 50 ms).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const session = await ctx.app.inject({ method: "GET", url: "/api/auth/session" });
    const answeredAt = performance.now();
    const pdf = await rendering;
    delay.disable();

    expect(session.statusCode).toBe(200);
    // On the main thread the request would wait for the whole render, and the loop would stall for
    // about as long as the render took (over a second in one go). Measured against the render
    // itself, so a machine slowed by other work slows both sides alike.
    expect(answeredAt).toBeLessThan(renderedAt);
    expect(delay.max / 1e6).toBeLessThan((renderedAt - started) / 3);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pagesOf(pdf)).toBeGreaterThan(20);
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
  });

  it("renders documents side by side and gives each its own bytes", async () => {
    const one = (title: string): PdfDocument => ({ content: [{ text: title, fontSize: 20 }] });
    const [first, second] = await Promise.all([renderPdf(one("整改通知书")), renderPdf(one("卫生监督意见书"))]);
    expect([pagesOf(first as Buffer), pagesOf(second as Buffer)]).toEqual([1, 1]);
    expect(first?.equals(second as Buffer)).toBe(false);
  });

  it("reads no file but the fonts: a document naming another local file fails", async () => {
    await expect(renderPdf({ content: [{ image: "/etc/hostname" }] })).rejects.toThrow(/access policy: \/etc\/hostname/);
  });

  it("fills the footer's page number and count on each page, and writes in the CJK font unless told otherwise", () => {
    const definition = definitionOf({ ...LARGE, defaultStyle: { fontSize: 11 } });
    expect(definition.defaultStyle).toEqual({ font: "NotoSansSC", fontSize: 11 });
    if (typeof definition.footer !== "function") throw new Error("the footer is not filled per page");
    expect(definition.footer(2, 29, { width: 595, height: 842, orientation: "portrait" })).toEqual({
      text: "第 2 页 / 共 29 页",
      alignment: "center",
      fontSize: 8,
    });
  });

  it("lets a document being rendered finish when the workers stop, and starts new ones for the next", async () => {
    const rendering = renderPdf({ content: ["停止前开始的文书"] });
    await stopPdfWorkers();
    expect(pagesOf(await rendering)).toBe(1);
    expect(pagesOf(await renderPdf({ content: ["停止后的文书"] }))).toBe(1);
    await stopPdfWorkers();
  });
});
