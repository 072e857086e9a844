import { createRequire } from "node:module";
import path from "node:path";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces";

/**
 * Printable documents (notices now; reports and bulletins later) as PDF with real Chinese text:
 * pdfmake lays them out and its pdfkit embeds only the glyphs a document uses from Noto Sans SC
 * (npm @embedpdf/fonts-sc, 8 MB a weight), so a one-page notice weighs tens of kilobytes.
 */

/** The font name documents use in their styles. */
export const CJK_FONT = "NotoSansSC";

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

/** The document rendered to PDF bytes, in the CJK font unless it names another. */
export function renderPdf(document: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf({ ...document, defaultStyle: { font: CJK_FONT, ...document.defaultStyle } }).getBuffer();
}

export const PDF_TYPE = "application/pdf";
