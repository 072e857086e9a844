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
  if (field && form.getFieldsError().some((item) => item.name.join(".") === field)) {
    form.setFields([{ name: field, errors: [text] }]);
    form.scrollToField(field);
    return;
  }
  message.error(text);
}
