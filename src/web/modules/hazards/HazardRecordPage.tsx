import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Breadcrumb, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { Link, useNavigate } from "react-router";
import { type HazardRecordBody, hazardRoutes } from "../../../contracts/hazards";
import { HAZARD_GRADES, HAZARD_HANDLINGS, type MajorHazardPlan } from "../../../domain/hazard-lifecycle";
import { call } from "../../app/api";
import { useCurrentUser } from "../../app/session";
import { optionsOf } from "../../ui/enum-options";
import { PageTitle } from "../../ui/PageTitle";
import { PhotoUpload } from "../../ui/PhotoUpload";
import { showSubmitError } from "../../ui/server-error";
import { InstitutionSelect } from "../institutions/InstitutionSelect";
import { MajorPlanFields } from "./MajorPlanFields";
import { refreshHazardData, useHazardCategoryOptions } from "./queries";

/** The form's values: dates as pickers hold them. */
type RecordValues = Omit<HazardRecordBody, "foundOn" | "deadline" | "majorPlan"> & {
  foundOn: Dayjs;
  deadline?: Dayjs;
  majorPlan?: MajorHazardPlan;
};

const required = (message: string) => [{ required: true, whitespace: true, message }];
const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };
const day = (value: Dayjs) => value.format("YYYY-MM-DD");

/** 登记隐患: an inspector enters a hazard found in an institution of their jurisdiction. */
export function HazardRecordPage() {
  const user = useCurrentUser();
  const [form] = Form.useForm<RecordValues>();
  const grade = Form.useWatch("grade", form);
  const handling = Form.useWatch("handling", form);
  const foundOn = Form.useWatch("foundOn", form);
  const categories = useHazardCategoryOptions();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: ({ foundOn, deadline, majorPlan, ...values }: RecordValues) =>
      call(hazardRoutes.record, {
        body: {
          ...values,
          foundOn: day(foundOn),
          deadline: values.handling === "by_deadline" && deadline ? day(deadline) : null,
          majorPlan: values.grade === "major" ? (majorPlan ?? null) : null,
        },
      }),
    onSuccess: async (hazard) => {
      message.success(`已登记隐患 ${hazard.number}`);
      await refreshHazardData(queryClient);
      // Replaced, so Back leaves the recorded hazard rather than returning to an emptied form.
      navigate(`/hazards/${hazard.id}`, { replace: true });
    },
    onError: (error) => showSubmitError(form, message, error),
  });

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/hazards">隐患台账</Link> }, { title: "登记隐患" }]} />
      <PageTitle title="登记隐患" />
      <Form<RecordValues>
        form={form}
        layout="vertical"
        initialValues={{ foundOn: dayjs(), finders: user.displayName, grade: "general", handling: "by_deadline", basis: "", responsiblePhone: "" }}
        onFinish={(values) => record.mutate(values)}
        disabled={record.isPending}
        scrollToFirstError
      >
        <Card title="发现情况" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item label="被检查机构" name="institutionId" rules={[{ required: true, message: "请选择被检查机构" }]}>
                <InstitutionSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label="发现日期" name="foundOn" rules={[{ required: true, message: "请选择发现日期" }]}>
                <DatePicker style={{ width: "100%" }} disabledDate={(date) => date.isAfter(dayjs(), "day")} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label="发现人" name="finders" rules={[...required("请填写发现人"), { max: 200 }]}>
                <Input maxLength={200} placeholder="多人以顿号分隔" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="隐患部位" name="place" rules={[...required("请填写隐患部位"), { max: 200 }]}>
                <Input maxLength={200} placeholder="如：门诊楼一层配电间" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="隐患内容" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item label="隐患类别" name="category" rules={[{ required: true, message: "请选择隐患类别" }]}>
                <Select options={categories} placeholder="请选择" showSearch={{ optionFilterProp: "label" }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label="隐患等级" name="grade" rules={[{ required: true }]}>
                <Radio.Group options={optionsOf(HAZARD_GRADES)} optionType="button" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="隐患描述" name="description" rules={[...required("请填写隐患描述"), { max: 2000 }]}>
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="现场照片" name="photoIds" initialValue={[]}>
                <PhotoUpload />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="判定依据" name="basis" rules={[{ max: 500 }]}>
                <Input maxLength={500} placeholder="法规名称及条款，如：《机关、团体、企业、事业单位消防安全管理规定》第二十一条" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="整改要求" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item label="处理方式" name="handling" rules={[{ required: true }]} extra={grade === "major" ? "重大隐患须限期整改" : undefined}>
                <Radio.Group options={optionsOf(HAZARD_HANDLINGS)} optionType="button" />
              </Form.Item>
            </Col>
            {handling === "by_deadline" && (
              <Col {...half}>
                <Form.Item label="整改时限" name="deadline" rules={[{ required: true, message: "请选择整改时限" }]}>
                  <DatePicker style={{ width: "100%" }} disabledDate={(date) => (foundOn ? date.isBefore(foundOn, "day") : false)} />
                </Form.Item>
              </Col>
            )}
            <Col {...third}>
              <Form.Item label="整改责任人" name="responsiblePerson" rules={[...required("请填写整改责任人"), { max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item label="责任人电话" name="responsiblePhone" rules={[{ max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {grade === "major" && (
          <Card title="“五落实”整改方案" style={{ marginBottom: 16 }}>
            <MajorPlanFields name="majorPlan" />
          </Card>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            登记
          </Button>
          <Button onClick={() => navigate("/hazards")}>取消</Button>
        </Space>
      </Form>
    </>
  );
}
