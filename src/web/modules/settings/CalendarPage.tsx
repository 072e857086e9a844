import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Typography } from "antd";
import type dayjs from "dayjs";
import { CALENDAR_DAY_KINDS, type CalendarCorrection, settingsRoutes } from "../../../contracts/settings";
import { call } from "../../app/api";
import { labelOf, optionsOf } from "../../ui/enum-options";
import { PageTitle } from "../../ui/PageTitle";
import { showSubmitError } from "../../ui/server-error";

const CALENDAR_KEY = [settingsRoutes.calendar.path];

/**
 * 工作日历: the system administrator's corrections of single days, for a year the built-in
 * holiday table does not know yet or a local change; the working-day clocks follow them at once.
 */
export function CalendarPage() {
  const corrections = useQuery({ queryKey: CALENDAR_KEY, queryFn: () => call(settingsRoutes.calendar) });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ day: dayjs.Dayjs; kind: CalendarCorrection["kind"]; note: string }>();
  const saved = (items: CalendarCorrection[]) => queryClient.setQueryData(CALENDAR_KEY, items);
  const correct = useMutation({
    mutationFn: ({ day, kind, note }: { day: dayjs.Dayjs; kind: CalendarCorrection["kind"]; note?: string }) =>
      call(settingsRoutes.correctCalendar, { params: { day: day.format("YYYY-MM-DD") }, body: { kind, note: note ?? "" } }),
    onSuccess: (items) => {
      saved(items);
      form.resetFields();
      message.success("已更正");
    },
    onError: (error) => showSubmitError(form, message, error),
  });
  const remove = useMutation({
    mutationFn: (day: string) => call(settingsRoutes.removeCalendarCorrection, { params: { day } }),
    onSuccess: saved,
  });
  return (
    <>
      <PageTitle title="工作日历" />
      <Card>
        <Typography.Paragraph type="secondary">
          挂牌督办的公布、延期申请和答复时限按工作日计算，法定节假日和调休上班日按国务院办公厅每年的通知内置。某天与内置安排不一致时在此更正。
        </Typography.Paragraph>
        <Form form={form} layout="inline" onFinish={(values) => correct.mutate(values)} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item label="日期" name="day" rules={[{ required: true, message: "请选择日期" }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="该日为" name="kind" rules={[{ required: true, message: "请选择" }]}>
            <Select style={{ minWidth: 180 }} options={optionsOf(CALENDAR_DAY_KINDS)} />
          </Form.Item>
          <Form.Item label="说明" name="note" rules={[{ max: 200 }]}>
            <Input maxLength={200} placeholder="如：依据的通知" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={correct.isPending}>
            更正
          </Button>
        </Form>
        <Table
          size="small"
          rowKey="day"
          loading={corrections.isLoading}
          dataSource={corrections.data}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: "没有更正，全部按内置安排" }}
          columns={[
            { title: "序号", key: "index", width: 64, render: (_value, _row, index) => index + 1 },
            { title: "日期", dataIndex: "day" },
            { title: "该日为", dataIndex: "kind", render: (kind: string) => labelOf(CALENDAR_DAY_KINDS, kind) },
            { title: "说明", dataIndex: "note" },
            {
              title: "操作",
              key: "actions",
              render: (_value, item) => (
                <Popconfirm title={`撤销 ${item.day} 的更正？`} onConfirm={() => remove.mutate(item.day)}>
                  <Button type="link" size="small">
                    撤销
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
