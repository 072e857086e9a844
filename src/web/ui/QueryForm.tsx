import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from "@ant-design/icons";
import { Button, Col, Flex, Form, type FormItemProps, Grid, Row } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useEffect, useState } from "react";

export interface QueryField<Key extends string> {
  name: Key;
  label: string;
  /** The control (Input, Select…); the form gives it its value and onChange. */
  control: ReactNode;
  /** For a control whose value is not the URL's string (a date picker): how to convert both ways. */
  convert?: Pick<FormItemProps, "getValueProps" | "normalize">;
}

/** How many fields show before 展开 on a wide screen, and on a phone. */
const SHOWN_WIDE = 3;
const SHOWN_PHONE = 1;

/**
 * The query form of a list page, as users of Ant Design Pro and RuoYi-style systems know it:
 * labelled fields, 查询 to apply them all at once, 重置 to clear them, 展开/收起 when there are many.
 * It shows what the URL holds: back, forward and 重置 bring the fields along.
 */
export function QueryForm<Key extends string>({
  fields,
  values,
  onSearch,
  onReset,
}: {
  fields: QueryField<Key>[];
  values: Partial<Record<Key, string>>;
  onSearch: (values: Partial<Record<Key, string | undefined>>) => void;
  onReset: () => void;
}) {
  const [form] = Form.useForm();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [expanded, setExpanded] = useState(false);
  const shown = isPhone ? SHOWN_PHONE : SHOWN_WIDE;
  // A field holding a value stays visible even when collapsed, so nothing filters unseen.
  const visible = expanded ? fields : fields.filter((field, index) => index < shown || values[field.name] !== undefined);

  const current = JSON.stringify(values);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(JSON.parse(current));
  }, [current, form]);

  return (
    <Form
      form={form}
      // Its own name space for field ids, so a dialog's field of the same name keeps its label.
      name="query"
      role="search"
      aria-label="查询条件"
      labelCol={isPhone ? undefined : { flex: "7em" }}
      layout={isPhone ? "vertical" : "horizontal"}
      onFinish={(submitted: Record<string, unknown>) =>
        onSearch(
          Object.fromEntries(
            fields.map(({ name }) => {
              const value = submitted[name];
              return [name, typeof value === "string" ? value.trim() || undefined : value === null ? undefined : (value as string | undefined)];
            }),
          ) as Partial<Record<Key, string | undefined>>,
        )
      }
      className="yian-query-form"
    >
      <Row gutter={[16, 0]}>
        {visible.map((field) => (
          <Col key={field.name} xs={24} md={12} xl={8}>
            <Form.Item label={field.label} name={String(field.name)} {...field.convert}>
              {field.control}
            </Form.Item>
          </Col>
        ))}
        {/* The buttons fill the rest of the last row, at its right end. */}
        <Col xs={24} md={visible.length % 2 === 0 ? 24 : 12} xl={(3 - (visible.length % 3)) * 8}>
          <Flex gap={8} justify="end" wrap style={{ marginBottom: 16 }}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button icon={<ReloadOutlined />} onClick={onReset}>
              重置
            </Button>
            {fields.length > shown && (
              <Button type="link" onClick={() => setExpanded(!expanded)} icon={expanded ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
                {expanded ? "收起" : "展开"}
              </Button>
            )}
          </Flex>
        </Col>
      </Row>
    </Form>
  );
}

/** A calendar day in the URL (YYYY-MM-DD), a date picker on the form: the `convert` of a date field. */
export const calendarDayField: NonNullable<QueryField<string>["convert"]> = {
  getValueProps: (value: string | undefined) => ({ value: value && dayjs(value).isValid() ? dayjs(value) : null }),
  normalize: (day: Dayjs | null) => day?.format("YYYY-MM-DD"),
};
