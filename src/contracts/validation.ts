import { z } from "zod";

/**
 * How the API's schemas speak to users: every field carries its Chinese label on its schema (also
 * its `title` in the OpenAPI), every validation issue is worded in Chinese by one error map, and a
 * failed field is reported as "label：what is wrong". Server (request validation, Excel rows) and
 * web (form rules) share this module, so a user reads the same words wherever a value is refused.
 */

interface FieldMeta {
  title?: string;
  /** Chinese label of each key of an enumeration, so errors list what users see, not internal keys. */
  "x-labels"?: Record<string, string>;
  /** The kind of record an id or code names; the generated scope test fills in another side's record. */
  "x-references"?: RecordKind;
}

/** Kinds of record a request can name by id or code. */
export type RecordKind =
  | "institution"
  | "user"
  | "import"
  | "jurisdiction"
  | "hazard"
  | "file"
  | "notice"
  | "checklist"
  | "expert"
  | "campaign"
  | "group"
  | "draw"
  | "inspection";

const metaOf = (schema: z.core.$ZodType): FieldMeta | undefined => z.globalRegistry.get(schema as z.ZodType) as FieldMeta | undefined;

/** Gives a field its Chinese label. */
export const labelled = <T extends z.ZodType>(schema: T, label: string): T => schema.meta({ title: label });

/** One of the keys of `labels`; errors and the OpenAPI show the Chinese labels. */
export function choice<const Labels extends Record<string, string>>(labels: Labels, label: string) {
  const keys = Object.keys(labels) as [keyof Labels & string, ...(keyof Labels & string)[]];
  return z.enum(keys).meta({ title: label, "x-labels": labels });
}

/** The schema one wrapper further in (optional, default, pipe…), or undefined for a leaf or container. */
function innerOf(schema: z.core.$ZodType): z.core.$ZodType | undefined {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; getter?: () => z.core.$ZodType };
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return def.innerType;
    case "pipe":
      // A coercion or transform: the input side is what the user typed.
      return def.in;
    case "lazy":
      return def.getter?.();
    default:
      return undefined;
  }
}

/** The schema of the field at `path` inside `root`, through objects, arrays and wrappers. */
export function schemaAt(root: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = root;
  for (const key of path) {
    let container: z.core.$ZodType | undefined = current;
    while (container && !["object", "array"].includes(container._zod.def.type)) container = innerOf(container);
    if (!container) return undefined;
    const def = container._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
    current = def.type === "object" ? def.shape?.[String(key)] : def.element;
    if (!current) return undefined;
  }
  return current;
}

/** The first of `schema` and its inner schemas that carries metadata of the given kind. */
function findMeta<K extends keyof FieldMeta>(schema: z.core.$ZodType | undefined, key: K): FieldMeta[K] | undefined {
  for (let node = schema; node; node = innerOf(node)) {
    const value = metaOf(node)?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Chinese label of the field at `path` ("床位数"), or undefined when the schema does not name it. */
export const labelAt = (root: z.core.$ZodType, path: readonly PropertyKey[]): string | undefined => findMeta(schemaAt(root, path), "title");

/** Names a field as a reference to a record of `kind` (an id or a code). */
export const references = <T extends z.ZodType>(schema: T, kind: RecordKind, label: string): T => schema.meta({ title: label, "x-references": kind });

/** Labels of an enumeration field's keys, when it was built with `choice`. */
export const choiceLabelsOf = (schema: z.core.$ZodType): Record<string, string> | undefined => findMeta(schema, "x-labels");

/** The kind of record a field names, when it was built with `references`. */
export const referenceKindAt = (schema: z.core.$ZodType): RecordKind | undefined => findMeta(schema, "x-references");

const TYPE_NAMES: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "是或否",
  date: "日期",
  array: "列表",
  object: "对象",
};

const FORMAT_NAMES: Record<string, string> = {
  uuid: "格式不正确",
  datetime: "应为日期时间（如 2026-01-31T08:00:00+08:00）",
  date: "应为日期（如 2026-01-31）",
  email: "应为电子邮箱地址",
  regex: "格式不正确",
};

/** The Chinese wording of one validation issue (without the field's label). Schemas that give their own message keep it. */
export function chineseMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "必填";
      if (issue.input === null) return "不能为空";
      if (typeof issue.input === "number" && Number.isNaN(issue.input)) return "不是数字";
      return `应为${TYPE_NAMES[issue.expected] ?? "正确的类型"}`;
    }
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return minimum <= 1 ? "不能为空" : `至少 ${minimum} 个字`;
      if (issue.origin === "array" || issue.origin === "set") return `至少 ${minimum} 项`;
      if (issue.origin === "date") return "日期过早";
      return issue.inclusive === false ? `应大于 ${minimum}` : `不能小于 ${minimum}`;
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return `不能超过 ${maximum} 个字`;
      if (issue.origin === "array" || issue.origin === "set") return `最多 ${maximum} 项`;
      if (issue.origin === "date") return "日期过晚";
      return issue.inclusive === false ? `应小于 ${maximum}` : `不能大于 ${maximum}`;
    }
    case "invalid_value": {
      const labels = issue.inst ? choiceLabelsOf(issue.inst as z.core.$ZodType) : undefined;
      const shown = issue.values.map((value) => labels?.[String(value)] ?? String(value));
      return shown.length === 1 ? `应为“${shown[0]}”` : `应为以下之一：${shown.join("、")}`;
    }
    case "invalid_format":
      return FORMAT_NAMES[issue.format] ?? "格式不正确";
    case "not_multiple_of":
      return `应为 ${issue.divisor} 的倍数`;
    case "unrecognized_keys":
      return `不允许的字段：${issue.keys.join("、")}`;
    case "custom":
      return issue.message ?? "格式不正确";
    default:
      return "格式不正确";
  }
}

/** Installs the Chinese wording for every schema; the server and the web app each call it once at start. */
export function installChineseMessages(): void {
  z.config({ customError: chineseMessage });
}

export interface FieldProblem {
  /** Dotted path of the field ("rows.2.creditCode"), for the client to put the message next to it. */
  field: string;
  /** "label：what is wrong", naming the row of a list item. */
  message: string;
}

/** "床位数", or "第 3 项的统一社会信用代码" for a field inside a list; the key itself when unlabelled. */
export function fieldName(root: z.core.$ZodType, path: readonly PropertyKey[]): string {
  const label = labelAt(root, path) ?? String(path[path.length - 1] ?? "请求");
  const index = path.findIndex((key) => typeof key === "number");
  return index >= 0 && index < path.length - 1 ? `第 ${Number(path[index]) + 1} 项的${label}` : label;
}

export function describeIssue(root: z.core.$ZodType, issue: { path: readonly PropertyKey[]; message: string }): FieldProblem {
  return { field: issue.path.map(String).join("."), message: `${fieldName(root, issue.path)}：${issue.message}` };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store, or would store as something else: a NUL character is refused by
 * its text type, and half of a UTF-16 surrogate pair has no UTF-8 form (it would be saved as "�").
 */
function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "含有空字符（U+0000），无法保存，请删除后重试";
  if (LONE_SURROGATE.test(text)) return "含有无效的字符（不成对的 Unicode 代理项），请重新输入";
  return null;
}

/** The first string in `value` (any depth) that cannot be stored, with its path. */
export function findUnstorableText(value: unknown, path: PropertyKey[] = []): { path: PropertyKey[]; message: string } | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, message: problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnstorableText(key, [...path, key]) ?? findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export type Checked<T> = { success: true; data: T } | { success: false; problems: FieldProblem[] };

/**
 * Parses input from outside (a request part, an Excel row) by the rules every input gets: no
 * unstorable text anywhere, then the schema; problems come back worded for the user.
 */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const unstorable = findUnstorableText(input);
  if (unstorable) return { success: false, problems: [describeIssue(schema, unstorable)] };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, problems: parsed.error.issues.map((issue) => describeIssue(schema, issue)) };
}

/** The value as the schema reads it, or undefined when it does not fit (a stored key the contract no longer knows). */
export function parsedOrNothing<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const parsed = z.safeParse(schema, value);
  return parsed.success ? parsed.data : undefined;
}
