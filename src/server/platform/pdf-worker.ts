import { createRequire } from "node:module";
import path from "node:path";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";
import Piscina from "piscina";
import { CJK_FONT, type PdfDocument } from "./pdf";

/**
 * Runs in a worker thread of platform/pdf.ts: pdfmake lays the document out and its pdfkit embeds
 * only the glyphs the document uses from Noto Sans SC (npm @embedpdf/fonts-sc, 8 MB a weight) —
 * 0.3–1.7 s of CPU for a notice, which here blocks no request.
 */

const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc")), "../fonts");

pdfmake.addFonts({
  [CJK_FONT]: {
    normal: path.join(FONT_DIR, "NotoSansHans-Regular.otf"),
    bold: path.join(FONT_DIR, "NotoSansHans-Bold.otf"),
    italics: path.join(FONT_DIR, "NotoSansHans-Regular.otf"),
    bolditalics: path.join(FONT_DIR, "NotoSansHans-Bold.otf"),
  },
});
// A document is built from our own data: it fetches nothing from the network and reads no file but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR));

const fill = (template: string, page: number, pages: number) => template.replaceAll("{page}", String(page)).replaceAll("{pages}", String(pages));

/** The document as pdfmake takes it: the CJK font unless it names another, the footer's page numbers filled in on each page. */
export function definitionOf({ footer, ...document }: PdfDocument): TDocumentDefinitions {
  return {
    ...document,
    defaultStyle: { font: CJK_FONT, ...document.defaultStyle },
    ...(footer ? { footer: (page: number, pages: number) => ({ ...footer, text: fill(footer.text, page, pages) }) } : {}),
  };
}

/** The PDF's bytes, moved (not copied) to the main thread in a buffer of their own. */
export default async function renderInWorker(document: PdfDocument) {
  const bytes = await pdfmake.createPdf(definitionOf(document)).getBuffer();
  // A small Buffer can be a slice of Node's shared pool, which must not be handed away: copy it out first.
  return Piscina.move(new Uint8Array(bytes));
}
