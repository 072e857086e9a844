import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Card, Col, Form, type FormRule, Input, InputNumber, Row, Select, Skeleton, Space, Switch } from "antd";
import { Link, useNavigate, useParams } from "react-router";
import { INSTITUTION_GRADES, OWNERSHIPS } from "../../../contracts/enums";
import { type InstitutionDetail, type InstitutionInput, InstitutionUpdate, institutionRoutes } from "../../../contracts/institutions";
import { labelAt, parsedOrNothing } from "../../../contracts/validation";
import { checkCreditCode, normalizeCreditCode } from "../../../domain/credit-code";
import { call } from "../../app/api";
import { optionsOf, typeOptionsOf } from "../../ui/enum-options";
import { PageTitle } from "../../ui/PageTitle";
import { ForbiddenResult, Loaded, NotFoundResult } from "../../ui/results";
import { schemaRule } from "../../ui/schema-rule";
import { showSubmitError } from "../../ui/server-error";
import { JurisdictionTreeSelect, treeContains, useJurisdictionTree } from "../jurisdictions/JurisdictionTreeSelect";
import { isInstitutionId, refreshInstitutionData, useInstitution } from "./queries";

/** Malformed codes block saving; a wrong check character only warns, since some legal pilot-era codes have one. */
const CREDIT_CODE_RULES: FormRule[] = [
  { required: true, message: "请输入统一社会信用代码" },
  {
    validator: async (_rule, value?: string) => {
      const check = value ? checkCreditCode(value) : null;
      if (check?.status === "malformed") throw new Error(check.reason);
    },
  },
  {
    warningOnly: true,
    validator: async (_rule, value?: string) => {
      const check = value ? checkCreditCode(value) : null;
      if (check?.status === "checksum_mismatch") throw new Error(`校验位不符（按 GB 32100 应为 ${check.expected}），请核对；确认无误仍可保存`);
    },
  },
];

/** Codes read best in a fixed-width font; the CJK font follows because monospace fonts lack the placeholder's Chinese. */
const CODE_STYLE = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace, "Noto Sans SC"' };

const COUNT_FIELDS = ["beds", "onDutyMedicalStaff", "dailyOutpatientVisits", "securityStaff"] as const;

const NEW_INSTITUTION: Partial<InstitutionInput> = {
  address: "",
  contactPhone: "",
  ownership: "public",
  grade: "ungraded",
  provincialDirect: false,
  beds: 0,
  onDutyMedicalStaff: 0,
  dailyOutpatientVisits: 0,
  securityStaff: 0,
};

/** The form's starting values: the record as it is. Unknown stored keys are left for the user to choose. */
function inputOf(detail: InstitutionDetail): Partial<InstitutionInput> {
  return {
    name: detail.name,
    creditCode: detail.creditCode,
    type: parsedOrNothing(InstitutionUpdate.shape.type, detail.type),
    ownership: parsedOrNothing(InstitutionUpdate.shape.ownership, detail.ownership),
    grade: parsedOrNothing(InstitutionUpdate.shape.grade, detail.grade),
    provincialDirect: detail.provincialDirect,
    jurisdictionCode: detail.jurisdictionCode,
    address: detail.address,
    beds: detail.beds,
    onDutyMedicalStaff: detail.onDutyMedicalStaff,
    dailyOutpatientVisits: detail.dailyOutpatientVisits,
    securityStaff: detail.securityStaff,
    contactPerson: detail.contactPerson,
    contactPhone: detail.contactPhone,
  };
}

const half = { xs: 24, md: 12 };
const quarter = { xs: 12, md: 6 };

function InstitutionForm({ existing, initialValues }: { existing?: InstitutionDetail; initialValues: Partial<InstitutionInput> }) {
  const [form] = Form.useForm<InstitutionInput>();
  const tree = useJurisdictionTree();
  // Registration fields decide who must inspect the institution: only its authority changes them.
  const registryLocked = existing !== undefined && !existing.actions.editRegistry;
  // Not `false` when unlocked: an explicit value would override the form's own disabling while it saves.
  const registryDisabled = registryLocked || undefined;
  // Moving an institution needs authority over its county too.
  const fixedJurisdiction =
    existing && (registryLocked || (tree.isSuccess && !treeContains(tree.data.roots, existing.jurisdictionCode)))
      ? { value: existing.jurisdictionCode, label: existing.jurisdictionTrail.map((j) => j.name).join(" / ") }
      : undefined;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (input: InstitutionInput) =>
      existing ? call(institutionRoutes.update, { params: { id: existing.id }, body: input }) : call(institutionRoutes.create, { body: input }),
    onSuccess: async ({ institution, warnings }) => {
      message.success(existing ? "已保存" : "已新增机构");
      for (const warning of warnings) message.warning(warning, 8);
      await refreshInstitutionData(queryClient);
      // Replaced, so Back leaves the saved record rather than returning to its form.
      navigate(`/institutions/${institution.id}`, { replace: true });
    },
    onError: (error) => showSubmitError(form, message, error),
  });
  const cancelTo = existing ? `/institutions/${existing.id}` : "/institutions";

  return (
    <Form<InstitutionInput>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => save.mutate(values)}
      // Disabled while saving, so Enter in a field cannot send the form a second time.
      disabled={save.isPending}
      scrollToFirstError
    >
      <Card title="基本信息" style={{ marginBottom: 16 }}>
        {registryLocked && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="名称、统一社会信用代码、类型、所在区划、所有制、等级和是否省直属于机构登记信息，由监管部门维护；如需变更请联系主管卫生健康委。"
          />
        )}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: "请输入机构名称" }, { max: 100 }]}>
              <Input maxLength={100} disabled={registryDisabled} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="统一社会信用代码" name="creditCode" rules={CREDIT_CODE_RULES} normalize={(value: string) => normalizeCreditCode(value)}>
              <Input maxLength={18} placeholder="18 位，如 12410225MB0000000X" style={CODE_STYLE} disabled={registryDisabled} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="机构类型" name="type" rules={[{ required: true, message: "请选择机构类型" }]}>
              <Select options={typeOptionsOf()} placeholder="请选择" showSearch={{ optionFilterProp: "label" }} disabled={registryDisabled} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="所在县（市、区）" name="jurisdictionCode" rules={[{ required: true, message: "请选择所在县（市、区）" }]}>
              {fixedJurisdiction ? <Select disabled options={[fixedJurisdiction]} /> : <JurisdictionTreeSelect leavesOnly placeholder="请选择县（市、区）" />}
            </Form.Item>
          </Col>
          <Col {...quarter}>
            <Form.Item label="所有制" name="ownership" rules={[{ required: true }]}>
              <Select options={optionsOf(OWNERSHIPS)} disabled={registryDisabled} />
            </Form.Item>
          </Col>
          <Col {...quarter}>
            <Form.Item label="等级" name="grade" rules={[{ required: true }]}>
              <Select options={optionsOf(INSTITUTION_GRADES)} disabled={registryDisabled} />
            </Form.Item>
          </Col>
          <Col {...quarter}>
            <Form.Item label="是否省直" name="provincialDirect" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" disabled={registryDisabled} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="地址" name="address" rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title="规模与安保" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {COUNT_FIELDS.map((name) => (
            <Col key={name} {...quarter}>
              <Form.Item
                label={labelAt(InstitutionUpdate, [name])}
                name={name}
                rules={[{ required: true, message: `请输入${labelAt(InstitutionUpdate, [name])}` }]}
              >
                <InputNumber min={0} max={10_000_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title="联系方式" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label="联系人" name="contactPerson" rules={[{ required: true, whitespace: true, message: "请输入联系人" }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="联系电话" name="contactPhone" rules={[schemaRule(InstitutionUpdate.shape.contactPhone)]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
        <Button onClick={() => navigate(cancelTo)}>取消</Button>
      </Space>
    </Form>
  );
}

function EditInstitution({ id }: { id: string }) {
  const institution = useInstitution(id);
  return (
    <Loaded query={institution} rows={10}>
      {(detail) =>
        detail.actions.edit ? (
          <>
            <Breadcrumb
              style={{ marginBottom: 8 }}
              items={[{ title: <Link to="/institutions">机构管理</Link> }, { title: <Link to={`/institutions/${id}`}>{detail.name}</Link> }, { title: "编辑" }]}
            />
            <PageTitle title="编辑机构" />
            <InstitutionForm existing={detail} initialValues={inputOf(detail)} />
          </>
        ) : (
          <ForbiddenResult subTitle="您不能编辑该机构。" />
        )
      }
    </Loaded>
  );
}

function NewInstitution() {
  const tree = useJurisdictionTree();
  if (tree.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  // A county authority has one county to choose from: choose it for them.
  const onlyRoot = tree.data?.roots.length === 1 ? tree.data.roots[0] : undefined;
  const jurisdictionCode = onlyRoot && onlyRoot.children.length === 0 ? onlyRoot.code : undefined;
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/institutions">机构管理</Link> }, { title: "新增机构" }]} />
      <PageTitle title="新增机构" />
      <InstitutionForm initialValues={{ ...NEW_INSTITUTION, jurisdictionCode }} />
    </>
  );
}

/** /institutions/new and /institutions/:id/edit. */
export function InstitutionFormPage() {
  const { id } = useParams();
  if (id === undefined) return <NewInstitution />;
  return isInstitutionId(id) ? <EditInstitution id={id} /> : <NotFoundResult />;
}
