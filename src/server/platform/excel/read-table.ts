import type { Readable } from "node:stream";
import ExcelJS, { type CellValue } from "exceljs";
import { badRequest } from "../http/errors";

export interface TableColumn {
  field: string;
  /** The label our template writes; also what a missing required column is reported as. */
  header: string;
  /** Other labels the same column goes by in files kept by hand. */
  aliases?: readonly string[];
  required?: boolean;
}

export interface TableRow {
  /** 1-based row number in the sheet, for messages the user can find in Excel. */
  number: number;
  /** Text shown in Excel, keyed by field; only mapped columns; "" when empty. */
  cells: Record<string, string>;
}

export interface ReadTable {
  sheetName: string;
  /** 1-based row number of the header. */
  headerRow: number;
  /** Mapped columns in sheet order; `header` as written in the file, `column` 1-based. */
  columns: { field: string; header: string; column: number }[];
  /** Canonical headers of required columns not found. */
  missingRequired: string[];
  /** Non-empty header cells that match no column: reported, not an error. */
  unknownHeaders: string[];
  /** Data rows; fully empty rows are skipped. */
  rows: TableRow[];
  /** Trailing rows taken as notes or signature lines rather than data, for the caller to tell the user. */
  notes: { from: number; to: number } | null;
}

/** Title blocks above a header are a few rows; a header further down is not one we should guess at. */
const HEADER_SEARCH_ROWS = 30;
/** A row filling fewer mapped columns than this reads like a title, a note or a signature line, not a record. */
const MIN_FILLED_COLUMNS = 2;

const unreadable = () => badRequest("文件：无法读取，请上传 Excel（.xlsx）文件；由其他软件导出的表格，请先用 Excel 或 WPS 打开并另存为 .xlsx", "file");

/**
 * Reads the register table of an uploaded workbook the way people keep them: the header is
 * looked for (title rows, hidden and empty sheets are passed over) and trailing notes are set
 * apart instead of being read as records. Nothing is dropped silently: unknown headers, missing
 * required columns and note rows are all reported for the caller to show.
 */
export async function readTable(file: Readable | Buffer, columns: readonly TableColumn[], options: { maxRows: number }): Promise<ReadTable> {
  const lookup = headerLookup(columns);
  const searched: string[] = [];
  let table: ReadTable | undefined;
  for await (const sheet of visibleSheets(file)) {
    if (table) break;
    searched.push(sheet.name);
    const top: SheetRow[] = [];
    let next = await sheet.rows.next();
    while (!next.done && next.value.number <= HEADER_SEARCH_ROWS) {
      top.push(next.value);
      next = await sheet.rows.next();
    }
    const header = findHeader(top, lookup);
    if (!header) continue;
    const pending = next;
    const afterHeader = async function* () {
      yield* top.filter((row) => row.number > header.number);
      if (pending.done) return;
      yield pending.value;
      yield* sheet.rows;
    };
    const mapping = mapHeader(header, columns, lookup);
    table = { sheetName: sheet.name, headerRow: header.number, ...mapping, ...(await dataRows(afterHeader(), mapping.columns, options.maxRows)) };
  }
  if (table) return table;
  const labels = columns.filter((column) => column.required).map((column) => `“${column.header}”`);
  throw badRequest(`文件：未找到表头。请确认表中有一行列名，至少包括${labels.join("")}（已查看工作表：${searched.join("、") || "无"}）`, "file");
}

/**
 * The text Excel shows for an exceljs cell value: what the user sees is what they expect us to
 * read, whatever type the cell happens to hold.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if ("error" in value) return value.error;
  if ("richText" in value)
    return value.richText
      .map((run) => run.text)
      .join("")
      .trim();
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result);
  if ("hyperlink" in value) return cellText(value.text);
  return "";
}

/**
 * Excel shows at most 15 significant digits, so a cached result such as 132.00000000000003 reads
 * as 132; the rest is JavaScript's shortest round-trip form, without exponent notation.
 */
function numberText(value: number): string {
  if (Number.isSafeInteger(value) && Math.abs(value) < 1e15) return String(value);
  if (!Number.isFinite(value)) return "";
  const text = String(Number(value.toPrecision(15)));
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, lead, fraction = "", power] = exponent;
  const digits = `${lead}${fraction}`;
  const pointAt = 1 + Number(power);
  return pointAt <= 0 ? `${sign}0.${"0".repeat(-pointAt)}${digits}` : `${sign}${digits.padEnd(pointAt, "0")}`;
}

/** exceljs builds dates at UTC midnight of the day shown, so UTC getters give that day back anywhere. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Header detection and row mapping

interface SheetRow {
  number: number;
  /** Text of the non-empty cells by 0-based column index; holes elsewhere, so an empty row has no texts. */
  texts: string[];
}

type HeaderLookup = Map<string, TableColumn>;

/**
 * Header text as people vary it: spaces and line breaks inside the cell, required markers, and
 * full-width brackets typed by a Chinese input method.
 */
function normaliseHeader(text: string): string {
  return text
    .replace(/\s/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/\(必填\)|[*＊]/g, "");
}

function headerLookup(columns: readonly TableColumn[]): HeaderLookup {
  const lookup: HeaderLookup = new Map();
  for (const column of columns) {
    for (const label of [column.header, ...(column.aliases ?? [])]) {
      const key = normaliseHeader(label);
      if (!lookup.has(key)) lookup.set(key, column);
    }
  }
  return lookup;
}

/** The row among the first ones that names the most columns: at least two, one of them required. */
function findHeader(rows: readonly SheetRow[], lookup: HeaderLookup): SheetRow | undefined {
  let best: { row: SheetRow; matched: number } | undefined;
  for (const row of rows) {
    const fields = new Set<string>();
    let namesRequired = false;
    row.texts.forEach((text) => {
      const column = lookup.get(normaliseHeader(text));
      if (!column) return;
      fields.add(column.field);
      namesRequired ||= column.required === true;
    });
    if (fields.size >= 2 && namesRequired && fields.size > (best?.matched ?? 0)) best = { row, matched: fields.size };
  }
  return best?.row;
}

function mapHeader(header: SheetRow, columns: readonly TableColumn[], lookup: HeaderLookup) {
  const mapped: ReadTable["columns"] = [];
  const unknownHeaders: string[] = [];
  header.texts.forEach((text, index) => {
    const column = lookup.get(normaliseHeader(text));
    if (!column) {
      unknownHeaders.push(text);
      return;
    }
    // Two columns for one field would leave one of them unread: the user has to choose.
    const earlier = mapped.find((m) => m.field === column.field);
    if (earlier) {
      const both = `第 ${columnLetters(earlier.column)} 列“${earlier.header}”、第 ${columnLetters(index + 1)} 列“${text}”`;
      throw badRequest(`文件：第 ${header.number} 行有两列都是“${column.header}”（${both}），请删除或改名其中一列`, "file");
    }
    mapped.push({ field: column.field, header: text, column: index + 1 });
  });
  const found = new Set(mapped.map((m) => m.field));
  const missingRequired = columns.filter((column) => column.required && !found.has(column.field)).map((column) => column.header);
  return { columns: mapped, missingRequired, unknownHeaders };
}

async function dataRows(rows: AsyncIterable<SheetRow>, mapped: ReadTable["columns"], maxRows: number): Promise<Pick<ReadTable, "rows" | "notes">> {
  const tooMany = () => badRequest(`文件：一次最多导入 ${maxRows} 行，请拆分后再导入`, "file");
  const read: TableRow[] = [];
  let fullRows = 0;
  let lastFull = -1;
  for await (const row of rows) {
    if (row.texts.length === 0) continue;
    const cells: Record<string, string> = {};
    let filled = 0;
    for (const { field, column } of mapped) {
      const text = row.texts[column - 1] ?? "";
      cells[field] = text;
      if (text !== "") filled += 1;
    }
    read.push({ number: row.number, cells });
    if (filled >= MIN_FILLED_COLUMNS) {
      lastFull = read.length - 1;
      // Full rows are never notes, so once they alone are too many there is no need to read on.
      fullRows += 1;
      if (fullRows > maxRows) throw tooMany();
    }
  }
  // Sparse rows followed by fuller ones stay data (the caller reports them as bad rows); only a
  // sparse tail is notes. Without any full row there is nothing for a tail to follow.
  const tail = lastFull >= 0 ? read.slice(lastFull + 1) : [];
  const first = tail[0];
  const last = tail.at(-1);
  const data = tail.length > 0 ? read.slice(0, lastFull + 1) : read;
  if (data.length > maxRows) throw tooMany();
  return { rows: data, notes: first && last ? { from: first.number, to: last.number } : null };
}

function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// ---------------------------------------------------------------------------------------------
// Workbook decoding: exceljs reads the whole file (uploads are capped at 10 MB). Its streaming
// reader was tried: it waits forever on a file that is not a zip, and loses sheet names and
// visibility for workbooks whose parts use absolute paths; the loaded workbook has neither problem.

/** The visible worksheets' rows, in tab order; hidden and very hidden sheets are passed over. */
async function* visibleSheets(file: Readable | Buffer): AsyncGenerator<{ name: string; rows: AsyncGenerator<SheetRow> }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((Buffer.isBuffer(file) ? file : await collect(file)) as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  for (const sheet of workbook.worksheets) {
    if (sheet.state === "visible") yield { name: sheet.name, rows: sheetRows(sheet) };
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* sheetRows(sheet: ExcelJS.Worksheet): AsyncGenerator<SheetRow> {
  for (let number = 1; number <= sheet.rowCount; number++) {
    const texts: string[] = [];
    sheet.getRow(number).eachCell((cell, column) => {
      // A merged range shows its text once, in its first cell; exceljs repeats it in every other.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const text = cellText(cell.value);
      if (text !== "") texts[column - 1] = text;
    });
    yield { number, texts };
  }
}
