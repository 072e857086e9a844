import { Col, Form, Input, Row } from "antd";
import { MAJOR_PLAN_FIELDS } from "../../../domain/hazard-lifecycle";

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** The "五落实" plan of a major hazard, every part required; its values sit under `majorPlan` or `plan` as the command names it. */
export function MajorPlanFields({ name }: { name: "majorPlan" | "plan" }) {
  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item label={MAJOR_PLAN_FIELDS.measures} name={[name, "measures"]} rules={required(MAJOR_PLAN_FIELDS.measures)}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={MAJOR_PLAN_FIELDS.funds} name={[name, "funds"]} rules={required(MAJOR_PLAN_FIELDS.funds)}>
          <Input maxLength={200} placeholder="如：12 万元，单位自筹" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={MAJOR_PLAN_FIELDS.deadline} name={[name, "deadline"]} rules={required(MAJOR_PLAN_FIELDS.deadline)}>
          <Input maxLength={200} placeholder="如：2026 年 7 月 31 日前完成" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={MAJOR_PLAN_FIELDS.responsiblePerson} name={[name, "responsiblePerson"]} rules={required(MAJOR_PLAN_FIELDS.responsiblePerson)}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={MAJOR_PLAN_FIELDS.interimMeasures} name={[name, "interimMeasures"]} rules={required(MAJOR_PLAN_FIELDS.interimMeasures)}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}
