import type { FormRule } from "antd";
import type { z } from "zod";

/**
 * A form rule that applies the API contract's own schema, so the form refuses what the server
 * would, in the same words. Emptiness is left to the item's `required` rule.
 */
export function schemaRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === "") return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message);
    },
  };
}
