import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Form, type FormInstance, Input, InputNumber, Radio, Row, Select, Switch } from "antd";
import { Link, useNavigate, useParams } from "react-router";
import type { ChecklistContent, ChecklistDetail, ChecklistItem } from "../../../contracts/checklists";
import { itemKeysOf, unusedKey } from "../../../domain/checklists";
import { HAZARD_GRADES } from "../../../domain/hazard-lifecycle";
import type { ChecklistAnswerType } from "../../../domain/inspections";
import { optionsOf } from "../../ui/enum-options";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded, NotFoundResult } from "../../ui/results";
import { showSubmitError } from "../../ui/server-error";
import { useHazardCategoryOptions } from "../hazards/queries";
import { isChecklistId, useChecklist, useSaveChecklist } from "./queries";

type EditedItem = Omit<ChecklistItem, "answerType">;
interface EditorValues {
  name: string;
  /** One way of answering for the whole template (domain/checklists.ts checklistProblems). */
  answerType: ChecklistAnswerType;
  content: { sections: { key: string; title: string; items: EditedItem[] }[] };
}

const ANSWER_TYPE_OPTIONS = [
  { value: "compliance", label: "检查表（符合/不符合/不适用）" },
  { value: "score", label: "评分表（每项设分值）" },
];

/** Every key on the form and in the version it started from: an added item or section takes none of them. */
function takenKeys(form: FormInstance<EditorValues>, original?: ChecklistContent): Set<string> {
  const sections = (form.getFieldValue(["content", "sections"]) ?? []) as EditorValues["content"]["sections"];
  return new Set([
    ...sections.flatMap((s) => [s.key, ...(s.items ?? []).map((i) => i.key)]),
    ...(original ? [...original.sections.map((s) => s.key), ...itemKeysOf(original)] : []),
  ]);
}

const newItem = (key: string): EditedItem => ({ key, text: "", basis: "", category: "other", gradeHint: "general", photoRequired: false });

function toBody(values: EditorValues): { name: string; content: ChecklistContent } {
  return {
    name: values.name,
    content: {
      sections: values.content.sections.map((section) => ({
        key: section.key,
        title: section.title,
        items: (section.items ?? []).map(({ maxScore, ...item }) => ({
          ...item,
          basis: item.basis ?? "",
          answerType: values.answerType,
          ...(values.answerType === "score" ? { maxScore: maxScore ?? undefined } : {}),
        })),
      })),
    },
  };
}

function initialValues(detail?: ChecklistDetail): EditorValues {
  if (!detail) return { name: "", answerType: "compliance", content: { sections: [{ key: "s1", title: "", items: [newItem("i1")] }] } };
  return { name: detail.name, answerType: detail.scored ? "score" : "compliance", content: { sections: detail.content.sections } };
}

/** Up, down and remove for one entry of a Form.List. */
function MoveButtons({
  index,
  count,
  onMove,
  onRemove,
  what,
}: {
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
  what: string;
}) {
  return (
    <Flex gap={0}>
      <Button type="text" size="small" aria-label={`${what}上移`} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(index - 1)} />
      <Button
        type="text"
        size="small"
        aria-label={`${what}下移`}
        icon={<ArrowDownOutlined />}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      />
      <Button type="text" size="small" danger aria-label={`删除${what}`} icon={<DeleteOutlined />} disabled={count === 1} onClick={onRemove} />
    </Flex>
  );
}

function ItemFields({ sectionIndex, form, original }: { sectionIndex: number; form: FormInstance<EditorValues>; original?: ChecklistContent }) {
  const categories = useHazardCategoryOptions();
  const answerType = Form.useWatch("answerType", form);
  return (
    <Form.List name={[sectionIndex, "items"]}>
      {(items, { add, remove, move }) => (
        <Flex vertical gap={12}>
          {items.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              type="inner"
              title={`第 ${i + 1} 项`}
              extra={<MoveButtons what="检查项" index={i} count={items.length} onMove={(to) => move(i, to)} onRemove={() => remove(i)} />}
            >
              <Form.Item name={[field.name, "key"]} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, "text"]} label="检查内容" rules={[{ required: true, whitespace: true, message: "请填写检查内容" }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
              </Form.Item>
              <Form.Item name={[field.name, "basis"]} label="检查依据">
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder="法规名称及条款" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12} md={answerType === "score" ? 6 : 8}>
                  <Form.Item name={[field.name, "category"]} label="隐患类别" rules={[{ required: true, message: "请选择隐患类别" }]}>
                    <Select options={categories} showSearch={{ optionFilterProp: "label" }} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={12} md={answerType === "score" ? 6 : 8}>
                  <Form.Item name={[field.name, "gradeHint"]} label="等级提示">
                    <Select options={optionsOf(HAZARD_GRADES)} />
                  </Form.Item>
                </Col>
                {answerType === "score" && (
                  <Col xs={12} sm={12} md={6}>
                    <Form.Item name={[field.name, "maxScore"]} label="分值" rules={[{ required: true, message: "请填写分值" }]}>
                      <InputNumber min={1} max={1000} precision={0} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={12} sm={12} md={answerType === "score" ? 6 : 8}>
                  <Form.Item name={[field.name, "photoRequired"]} label="须拍照" valuePropName="checked">
                    <Switch checkedChildren="是" unCheckedChildren="否" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newItem(unusedKey(takenKeys(form, original), "i")))}>
            增加检查项
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function ChecklistEditor({ detail }: { detail?: ChecklistDetail }) {
  const [form] = Form.useForm<EditorValues>();
  const save = useSaveChecklist(detail?.id);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const original = detail?.content;
  const currentUsed = detail?.versions.find((v) => v.version === detail.currentVersion)?.firstUsedAt;
  const submit = async (values: EditorValues) => {
    try {
      const saved = await save.mutateAsync({ ...toBody(values), ...(detail ? { baseVersion: detail.currentVersion } : {}) });
      message.success(detail && saved.currentVersion > detail.currentVersion ? `已保存为第 ${saved.currentVersion} 版` : "已保存");
      navigate(`/checklists/${saved.id}`);
    } catch (error) {
      showSubmitError(form, message, error);
    }
  };
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/checklists">检查表</Link> },
          ...(detail ? [{ title: <Link to={`/checklists/${detail.id}`}>{detail.name}</Link> }] : []),
          { title: detail ? "编辑" : "新建" },
        ]}
      />
      <PageTitle title={detail ? `编辑检查表` : "新建检查表"} />
      {detail && (
        <Alert
          type={currentUsed ? "warning" : "info"}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            currentUsed
              ? `第 ${detail.currentVersion} 版已被检查工作或检查记录使用，保存后将另存为第 ${detail.currentVersion + 1} 版，已使用的版本保持不变。`
              : `第 ${detail.currentVersion} 版尚未使用，保存后直接修改该版本。`
          }
        />
      )}
      <Form<EditorValues> form={form} layout="vertical" initialValues={initialValues(detail)} onFinish={submit} disabled={save.isPending} scrollToFirstError>
        <Card style={{ marginBottom: 16 }}>
          <Form.Item name="name" label="检查表名称" rules={[{ required: true, whitespace: true, message: "请填写检查表名称" }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="answerType"
            label="作答方式"
            extra={detail ? "已有检查项的作答方式不能改变；如需评分表，请新建。" : "同一检查表的检查项都按同一种方式作答；评分表按部分和总分合计。"}
          >
            <Radio.Group options={ANSWER_TYPE_OPTIONS} disabled={Boolean(detail)} />
          </Form.Item>
        </Card>
        <Form.List name={["content", "sections"]}>
          {(sections, { add, remove, move }) => (
            <Flex vertical gap={16} style={{ marginBottom: 16 }}>
              {sections.map((field, s) => (
                <Card
                  key={field.key}
                  title={`第 ${s + 1} 部分`}
                  extra={<MoveButtons what="部分" index={s} count={sections.length} onMove={(to) => move(s, to)} onRemove={() => remove(s)} />}
                >
                  <Form.Item name={[field.name, "key"]} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, "title"]} label="部分名称" rules={[{ required: true, whitespace: true, message: "请填写部分名称" }]}>
                    <Input maxLength={100} placeholder="如：消防安全" />
                  </Form.Item>
                  <ItemFields sectionIndex={field.name} form={form} original={original} />
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  const taken = takenKeys(form, original);
                  const sectionKey = unusedKey(taken, "s");
                  add({ key: sectionKey, title: "", items: [newItem(unusedKey(new Set([...taken, sectionKey]), "i"))] });
                }}
              >
                增加部分
              </Button>
            </Flex>
          )}
        </Form.List>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button onClick={() => navigate(detail ? `/checklists/${detail.id}` : "/checklists")}>取消</Button>
        </Flex>
      </Form>
    </>
  );
}

/** /checklists/new — a new template of the authority. */
export function NewChecklistPage() {
  return <ChecklistEditor />;
}

function LoadedEditor({ id }: { id: string }) {
  const checklist = useChecklist(id);
  return (
    <Loaded query={checklist}>
      {(detail) => (detail.editable ? <ChecklistEditor detail={detail} /> : <NotFoundResult subTitle="只能编辑本部门的检查表。" />)}
    </Loaded>
  );
}

/** /checklists/:id/edit — the authority's own template: sections and items added, removed, reordered and edited. */
export function EditChecklistPage() {
  const { id = "" } = useParams();
  return isChecklistId(id) ? <LoadedEditor id={id} /> : <NotFoundResult />;
}
