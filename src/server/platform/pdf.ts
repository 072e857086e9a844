import { availableParallelism } from "node:os";
import type { Alignment, TDocumentDefinitions } from "pdfmake/interfaces";
import Piscina from "piscina";

/**
 * Printable documents (notices now; reports and bulletins later) as PDF with real Chinese text,
 * rendered in a small pool of worker threads (platform/pdf-worker.ts): embedding the font subset
 * takes up to seconds of CPU, which on the main thread would hold every other request.
 */

/** The font name documents use in their styles. */
export const CJK_FONT = "NotoSansSC";

export const PDF_TYPE = "application/pdf";

/** A line at the foot of every page; `{page}` and `{pages}` in its text become the page's number and the page count. */
export interface PageFooter {
  text: string;
  alignment?: Alignment;
  fontSize?: number;
  color?: string;
}

/**
 * A document as a worker thread receives it: plain data, since a structured clone carries no
 * function (one fails the render with a DataCloneError) — so the page footer is a template, not
 * pdfmake's callback.
 */
export type PdfDocument = Omit<TDocumentDefinitions, "header" | "footer" | "background" | "pageBreakBefore"> & { footer?: PageFooter };

/** Threads that render at once: all cores but the one the server's event loop needs, at least one, at most four. */
const PDF_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** A thread idle this long ends (each holds pdfmake and its fonts); the next document starts one again. */
const IDLE_MS = 60_000;

let pool: Piscina | undefined;

function workers(): Piscina {
  pool ??= new Piscina({
    filename: new URL("./ts-worker.mjs", import.meta.url).href,
    workerData: { module: new URL("./pdf-worker.ts", import.meta.url).href },
    // No thread until the first document: most processes (tests, a quiet server) print none.
    minThreads: 0,
    maxThreads: PDF_THREADS,
    idleTimeout: IDLE_MS,
  });
  return pool;
}

/** The document rendered to PDF bytes, in the CJK font unless it names another, off the main thread. */
export async function renderPdf(document: PdfDocument): Promise<Buffer> {
  const bytes: Uint8Array = await workers().run(document);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Ends the rendering threads once the documents being rendered are done (the app's onClose), so
 * a server or a test process exits; a later document starts a new pool.
 */
export async function stopPdfWorkers(): Promise<void> {
  const stopping = pool;
  pool = undefined;
  await stopping?.close();
}
