import { Typography } from "antd";
import { cloneElement, type ReactElement, useId } from "react";

/**
 * A labelled control of the inspection form, whose state lives in the draft rather than in an antd
 * Form: the label names its control (for screen readers and getByLabel) through a generated id.
 */
export function Field({ label, children, small = false }: { label: string; children: ReactElement<{ id?: string }>; small?: boolean }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} style={{ display: "block" }}>
        {small ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label}
          </Typography.Text>
        ) : (
          label
        )}
      </label>
      {cloneElement(children, { id })}
    </div>
  );
}
