import { useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Form, Input, Select } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useNavigate } from "react-router";
import { CLOSURE_KINDS, type DeregisterBody, institutionRoutes } from "../../../contracts/institutions";
import { call } from "../../app/api";
import { optionsOf } from "../../ui/enum-options";
import { FormDialog } from "../../ui/FormDialog";
import { refreshInstitutionData } from "./queries";

interface Target {
  id: string;
  name: string;
  status: string;
}

interface Permissions {
  edit: boolean;
  register: boolean;
}

/**
 * What can be done to one institution from a list row or its page: 编辑, 注销/停业 and 恢复, each
 * shown only when the record's state and the user's role allow it (the server checks again).
 */
export function InstitutionActions({ institution, may, compact = false }: { institution: Target; may: Permissions; compact?: boolean }) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<"deregister" | "restore" | null>(null);
  const active = institution.status === "active";
  const size = compact ? "small" : "middle";
  const type = compact ? "link" : "default";
  return (
    <>
      {compact && (
        <Button type="link" size="small" onClick={() => navigate(`/institutions/${institution.id}`)}>
          查看
        </Button>
      )}
      {active && may.edit && (
        <Button type={compact ? "link" : "primary"} size={size} onClick={() => navigate(`/institutions/${institution.id}/edit`)}>
          编辑
        </Button>
      )}
      {active && may.register && (
        <Button type={type} size={size} danger onClick={() => setDialog("deregister")}>
          注销/停业
        </Button>
      )}
      {!active && may.register && (
        <Button type={type} size={size} onClick={() => setDialog("restore")}>
          恢复
        </Button>
      )}
      {dialog === "deregister" && <DeregisterDialog institution={institution} onClose={() => setDialog(null)} />}
      {dialog === "restore" && <RestoreDialog institution={institution} onClose={() => setDialog(null)} />}
    </>
  );
}

function useSaved() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (done: string) => {
    message.success(done);
    await refreshInstitutionData(queryClient);
  };
}

function DeregisterDialog({ institution, onClose }: { institution: Target; onClose: () => void }) {
  const saved = useSaved();
  return (
    <FormDialog<{ status: DeregisterBody["status"]; date: dayjs.Dayjs; reason: string }>
      title={`注销或停业：${institution.name}`}
      okText="确定"
      initialValues={{ status: "deregistered", date: dayjs() }}
      onClose={onClose}
      onSubmit={async ({ status, date, reason }) => {
        await call(institutionRoutes.deregister, { params: { id: institution.id }, body: { status, date: date.format("YYYY-MM-DD"), reason } });
        await saved(`已${CLOSURE_KINDS[status]}：${institution.name}`);
      }}
    >
      <Form.Item
        label="类型"
        name="status"
        rules={[{ required: true, message: "请选择注销或停业" }]}
        extra="注销或停业后，机构不再出现在列表和统计中，记录和历史保留，可以恢复。"
      >
        <Select options={optionsOf(CLOSURE_KINDS)} />
      </Form.Item>
      <Form.Item label="注销/停业日期" name="date" rules={[{ required: true, message: "请选择日期" }]}>
        <DatePicker style={{ width: "100%" }} disabledDate={(day) => day.isAfter(dayjs(), "day")} />
      </Form.Item>
      <Form.Item label="原因" name="reason" rules={[{ required: true, whitespace: true, message: "请填写原因" }, { max: 200 }]}>
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormDialog>
  );
}

function RestoreDialog({ institution, onClose }: { institution: Target; onClose: () => void }) {
  const saved = useSaved();
  return (
    <FormDialog<{ reason: string }>
      title={`恢复：${institution.name}`}
      okText="恢复"
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        await call(institutionRoutes.restore, { params: { id: institution.id }, body: { reason } });
        await saved(`已恢复：${institution.name}`);
      }}
    >
      <Form.Item label="恢复原因" name="reason" rules={[{ required: true, whitespace: true, message: "请填写恢复原因" }, { max: 200 }]}>
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormDialog>
  );
}
