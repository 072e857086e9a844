import type { z } from "zod";
import { choiceLabelsOf, type RecordKind, referenceKindAt, schemaAt } from "./validation";

/** Names of referenced records (a jurisdiction code → "开封市 / 兰考县"), when the caller can tell them. */
export type NameOf = (kind: RecordKind, value: string) => string | undefined;

/**
 * A field's value as users read it, by what its schema says the field is: a choice shows its
 * label, a yes/no field 是/否, a reference the name of what it names, an empty text "（空）".
 */
export function displayValue(root: z.core.$ZodType, field: string, value: unknown, nameOf?: NameOf): string {
  if (value === null || value === undefined || value === "") return "（空）";
  if (typeof value === "boolean") return value ? "是" : "否";
  const schema = schemaAt(root, [field]);
  const labels = schema ? choiceLabelsOf(schema) : undefined;
  if (labels) return labels[String(value)] ?? String(value);
  const kind = schema ? referenceKindAt(schema) : undefined;
  if (kind && nameOf) return nameOf(kind, String(value)) ?? String(value);
  return String(value);
}
