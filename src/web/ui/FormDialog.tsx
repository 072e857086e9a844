import { useMutation } from "@tanstack/react-query";
import { App, Form, Modal } from "antd";
import type { ReactNode } from "react";
import { showSubmitError } from "./server-error";

/**
 * A modal form that submits to the API: it closes on success and keeps the server's complaint
 * on the field it names otherwise. Mount it only while it is open, so each opening starts clean.
 */
export function FormDialog<Values>({
  title,
  okText = "确定",
  initialValues,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  okText?: string;
  initialValues?: Partial<Values>;
  onSubmit: (values: Values) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const submit = useMutation({ mutationFn: onSubmit, onSuccess: onClose, onError: (error) => showSubmitError(form, message, error) });
  return (
    <Modal open title={title} okText={okText} onOk={() => form.submit()} confirmLoading={submit.isPending} onCancel={onClose} mask={{ closable: false }}>
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => submit.mutate(values)} disabled={submit.isPending}>
        {children}
      </Form>
    </Modal>
  );
}
