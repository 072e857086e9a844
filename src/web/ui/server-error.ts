import type { FormInstance } from "antd";
import type { MessageInstance } from "antd/es/message/interface";
import { ApiError } from "../app/api";

/**
 * Shows a failed submit where the user will look: on the form item the server named, or as a
 * message when the field is not on this form (or the failure concerns no field).
 */
export function showSubmitError(form: FormInstance, message: MessageInstance, error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  const field = error instanceof ApiError ? error.field : undefined;
  // A nested field (content.sections.0.items.2.maxScore) is found by its path, and set by the form's own name for it.
  const named = field ? form.getFieldsError().find((item) => item.name.join(".") === field) : undefined;
  if (named) {
    form.setFields([{ name: named.name, errors: [text] }]);
    form.scrollToField(named.name);
    return;
  }
  message.error(text);
}
