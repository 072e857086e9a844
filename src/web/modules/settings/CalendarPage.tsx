import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { CALENDAR_CORRECTION_SORTS, CALENDAR_DAY_KINDS, type CalendarCorrection, settingsRoutes } from "../../../contracts/settings";
import { call } from "../../app/api";
import { labelOf, optionsOf } from "../../ui/enum-options";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import type { QueryField } from "../../ui/QueryForm";
import { showSubmitError } from "../../ui/server-error";
import { useListParams, usePageQuery } from "../../ui/use-list-params";

const CALENDAR_FILTER_KEYS = ["year", "kind"] as const;
const CALENDAR_SORT_KEYS = Object.keys(CALENDAR_CORRECTION_SORTS) as (keyof typeof CALENDAR_CORRECTION_SORTS)[];

/** A year in the URL (2026), a year picker on the form. */
const calendarYear = {
  getValueProps: (value: string | undefined) => ({ value: value && dayjs(`${value}-01-01`).isValid() ? dayjs(`${value}-01-01`) : null }),
  normalize: (year: Dayjs | null) => year?.format("YYYY"),
};

const FIELDS: QueryField<(typeof CALENDAR_FILTER_KEYS)[number]>[] = [
  { name: "year", label: "年份", control: <DatePicker picker="year" style={{ width: "100%" }} />, convert: calendarYear },
  { name: "kind", label: "该日为", control: <Select allowClear placeholder="全部" options={optionsOf(CALENDAR_DAY_KINDS)} /> },
];

const COLUMNS: ListColumn<CalendarCorrection, keyof typeof CALENDAR_CORRECTION_SORTS>[] = [
  { key: "day", title: "日期", sortKey: "day", phone: "title", render: (c) => c.day },
  { key: "kind", title: "该日为", render: (c) => labelOf(CALENDAR_DAY_KINDS, c.kind) },
  { key: "note", title: "说明", render: (c) => c.note },
];

/**
 * 工作日历: the system administrator's corrections of single days, for a year the built-in
 * holiday table does not know yet or a local change; the working-day clocks follow them at once.
 */
export function CalendarPage() {
  const list = useListParams(CALENDAR_FILTER_KEYS, CALENDAR_SORT_KEYS);
  const corrections = usePageQuery(settingsRoutes.calendar, list.query);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ day: Dayjs; kind: CalendarCorrection["kind"]; note: string }>();
  const reload = () => queryClient.invalidateQueries({ queryKey: [settingsRoutes.calendar.path] });
  const correct = useMutation({
    mutationFn: ({ day, kind, note }: { day: Dayjs; kind: CalendarCorrection["kind"]; note?: string }) =>
      call(settingsRoutes.correctCalendar, { params: { day: day.format("YYYY-MM-DD") }, body: { kind, note: note ?? "" } }),
    onSuccess: async () => {
      form.resetFields();
      message.success("已更正");
      await reload();
    },
    onError: (error) => showSubmitError(form, message, error),
  });
  const remove = useMutation({
    mutationFn: (day: string) => call(settingsRoutes.removeCalendarCorrection, { params: { day } }),
    onSuccess: reload,
  });
  return (
    <ListPage
      title="工作日历"
      above={
        <Card title="更正某天" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            挂牌督办的公布、延期申请和答复时限按工作日计算，法定节假日和调休上班日按国务院办公厅每年的通知内置。某天与内置安排不一致时在此更正。
          </Typography.Paragraph>
          <Form form={form} layout="inline" onFinish={(values) => correct.mutate(values)} style={{ rowGap: 8 }}>
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
        </Card>
      }
      fields={FIELDS}
      list={list}
    >
      <ListTable
        query={corrections}
        list={list}
        columns={COLUMNS}
        rowKey="day"
        defaultSort={{ key: "day", order: "asc" }}
        emptyText="没有更正，全部按内置安排"
        actions={(item) => (
          <Popconfirm title={`撤销 ${item.day} 的更正？`} onConfirm={() => remove.mutate(item.day)}>
            <Button type="link" size="small">
              撤销
            </Button>
          </Popconfirm>
        )}
      />
    </ListPage>
  );
}
