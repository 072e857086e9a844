import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, DatePicker, Form, Input, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { ReactNode } from "react";
import type { z } from "zod";
import { type HazardCommandBody, type HazardDetail, hazardRoutes } from "../../../contracts/hazards";
import { HAZARD_COMMANDS, HAZARD_GRADES, type HazardCommandKind } from "../../../domain/hazard-lifecycle";
import { ApiError, call } from "../../app/api";
import { useCurrentUser } from "../../app/session";
import { optionsOf } from "../../ui/enum-options";
import { FormDialog } from "../../ui/FormDialog";
import { PhotoUpload } from "../../ui/PhotoUpload";
import { MajorPlanFields } from "./MajorPlanFields";
import { refreshHazardData } from "./queries";

type Command = z.input<typeof HazardCommandBody>["command"];
/** The dialog's values: what the command carries, with dates as pickers hold them. */
type Values = Record<string, unknown>;

const day = (value: unknown) => (value ? (value as Dayjs).format("YYYY-MM-DD") : undefined);
const required = (message: string) => [{ required: true, whitespace: true, message }];

const text = (name: string, label: string, max: number, options: { required?: boolean; rows?: number; extra?: ReactNode } = {}) => (
  <Form.Item key={name} label={label} name={name} extra={options.extra} rules={[...(options.required === false ? [] : required(`请填写${label}`)), { max }]}>
    {options.rows ? <Input.TextArea rows={options.rows} maxLength={max} showCount /> : <Input maxLength={max} />}
  </Form.Item>
);

const photos = (label: string) => (
  <Form.Item key="photoIds" label={label} name="photoIds" initialValue={[]}>
    <PhotoUpload />
  </Form.Item>
);

/** The photo gate: photos, or why there are none (asked for only while no photo is uploaded). */
const noPhotoReason = (
  <Form.Item key="noPhotoReason" noStyle dependencies={["photoIds"]}>
    {({ getFieldValue }) =>
      ((getFieldValue("photoIds") as string[] | undefined) ?? []).length === 0 &&
      text("noPhotoReason", "无照片的原因", 500, { extra: "未上传照片时须说明原因" })
    }
  </Form.Item>
);
const ids = (v: Values) => (v.photoIds as string[] | undefined) ?? [];

const dateField = (name: string, label: string, disabledDate?: (date: Dayjs) => boolean) => (
  <Form.Item key={name} label={label} name={name} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker style={{ width: "100%" }} disabledDate={disabledDate} />
  </Form.Item>
);

const afterDeadline = (hazard: HazardDetail) => (date: Dayjs) => hazard.deadline !== null && !date.isAfter(hazard.deadline, "day");

/** The fields of each command's dialog, its starting values, and the command its values make. */
function formOf(kind: HazardCommandKind, hazard: HazardDetail, userName: string): { fields: ReactNode; initial?: Values; command: (v: Values) => Command } {
  const str = (v: Values, key: string) => (v[key] as string | undefined) ?? "";
  switch (kind) {
    case "start":
      return { fields: <Typography.Paragraph>确认开始整改？隐患状态将变为“整改中”。</Typography.Paragraph>, command: () => ({ kind }) };
    case "submit":
      return {
        fields: [text("actionsTaken", "整改情况", 2000, { rows: 4 }), text("cost", "整改费用", 200, { required: false }), photos("整改后照片"), noPhotoReason],
        command: (v) => ({
          kind,
          actionsTaken: str(v, "actionsTaken"),
          cost: str(v, "cost") || undefined,
          photoIds: ids(v),
          noPhotoReason: str(v, "noPhotoReason") || undefined,
        }),
      };
    case "return":
      return { fields: text("reason", "退回原因", 1000, { rows: 3 }), command: (v) => ({ kind, reason: str(v, "reason") }) };
    case "verify":
      return {
        fields: [
          text("verifiers", "复查人", 200),
          dateField("verifiedOn", "复查日期", (date) => date.isAfter(dayjs(), "day")),
          text("opinion", "复查意见", 2000, { rows: 3 }),
          photos("复查照片"),
          noPhotoReason,
        ],
        initial: { verifiers: userName, verifiedOn: dayjs(), opinion: "整改到位，同意销号。" },
        command: (v) => ({
          kind,
          verifiers: str(v, "verifiers"),
          verifiedOn: day(v.verifiedOn) ?? "",
          opinion: str(v, "opinion"),
          noPhotoReason: str(v, "noPhotoReason"),
        }),
      };
    case "close_on_spot":
      return {
        fields: [
          <Typography.Paragraph key="note">立行立改的隐患已当场整改完毕，上传整改后照片后销号。</Typography.Paragraph>,
          <Form.Item
            key="photoIds"
            label="整改后照片"
            name="photoIds"
            initialValue={[]}
            rules={[{ required: true, type: "array", min: 1, message: "请上传至少一张整改后照片" }]}
          >
            <PhotoUpload />
          </Form.Item>,
        ],
        command: (v) => ({ kind, photoIds: ids(v) }),
      };
    case "request_extension":
      return {
        fields: [dateField("requestedDeadline", "申请的整改时限", afterDeadline(hazard)), text("reason", "延期原因", 1000, { rows: 3 })],
        command: (v) => ({ kind, requestedDeadline: day(v.requestedDeadline) ?? "", reason: str(v, "reason") }),
      };
    case "approve_extension":
      return {
        fields: [
          <Alert
            key="request"
            type="info"
            style={{ marginBottom: 16 }}
            title={`机构申请延至 ${hazard.pendingExtension?.requestedDeadline ?? ""}：${hazard.pendingExtension?.reason ?? ""}`}
          />,
          dateField("deadline", "批准的整改时限", (date) => date.isBefore(dayjs(), "day") || afterDeadline(hazard)(date)),
        ],
        initial: { deadline: hazard.pendingExtension ? dayjs(hazard.pendingExtension.requestedDeadline) : undefined },
        command: (v) => ({ kind, deadline: day(v.deadline) }),
      };
    case "refuse_extension":
      return { fields: text("reason", "不予延期的理由", 1000, { rows: 3 }), command: (v) => ({ kind, reason: str(v, "reason") }) };
    case "regrade":
      return {
        fields: <RegradeFields />,
        initial: { grade: hazard.grade === "major" ? "general" : "major", plan: hazard.majorPlan ?? undefined },
        command: (v) => ({
          kind,
          grade: v.grade as "general" | "major",
          reason: str(v, "reason"),
          plan: v.grade === "major" ? (v.plan as Extract<Command, { kind: "regrade" }>["plan"]) : undefined,
        }),
      };
    case "void":
      return {
        fields: text("reason", "作废原因", 1000, { rows: 3, extra: "作废的隐患仍保留在台账中，标记为“已作废”，不能恢复。" }),
        command: (v) => ({ kind, reason: str(v, "reason") }),
      };
  }
}

function RegradeFields() {
  return (
    <>
      <Form.Item label="调整为" name="grade" rules={[{ required: true, message: "请选择隐患等级" }]}>
        <Select options={optionsOf(HAZARD_GRADES)} />
      </Form.Item>
      {text("reason", "调整原因", 1000, { rows: 2 })}
      <Form.Item noStyle dependencies={["grade"]}>
        {({ getFieldValue }) =>
          getFieldValue("grade") === "major" && (
            <>
              <Typography.Paragraph strong>“五落实”整改方案（重大隐患须填写）</Typography.Paragraph>
              <MajorPlanFields name="plan" />
            </>
          )
        }
      </Form.Item>
    </>
  );
}

/**
 * One command on a hazard, as a dialog: it sends the version the page loaded, so a change made by
 * someone else meanwhile is refused (409); then, like a state the command no longer fits, the
 * server's message shows and the hazard is read again.
 */
export function HazardCommandDialog({ kind, hazard, onClose }: { kind: HazardCommandKind; hazard: HazardDetail; onClose: () => void }) {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const form = formOf(kind, hazard, user.displayName);
  const label = HAZARD_COMMANDS[kind].label;
  return (
    <FormDialog<Values>
      title={`${label}：${hazard.number}`}
      okText={label}
      initialValues={form.initial}
      onClose={onClose}
      onSubmit={async (values) => {
        try {
          await call(hazardRoutes.command, { params: { id: hazard.id }, body: { version: hazard.version, command: form.command(values) } });
          message.success(`已${label}`);
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 409)) throw error;
          message.error(error.message, 6);
        }
        await refreshHazardData(queryClient);
      }}
    >
      {form.fields}
    </FormDialog>
  );
}
