import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Input, InputNumber, Radio, Result, Select, Spin, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { CurrentUser } from "../../../contracts/auth";
import type { InspectionForm } from "../../../contracts/inspections";
import { inspectionRoutes } from "../../../contracts/inspections";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";
import { HAZARD_STATES } from "../../../domain/hazard-lifecycle";
import { hazardPrefill, type itemsOf } from "../../../domain/inspection-answers";
import { INSPECTION_KINDS, ITEM_RESULTS, RECHECK_RESULTS } from "../../../domain/inspections";
import { call } from "../../app/api";
import { useCurrentUser } from "../../app/session";
import { labelOf, optionsOf } from "../../ui/enum-options";
import { PageTitle } from "../../ui/PageTitle";
import { type DraftPhotos, PhotoField, useDraftPhotos } from "./DraftPhotos";
import { draftProblem, versionOf } from "./draft-body";
import { type DraftAnswer, type DraftHazard, type DraftRecheck, draftsOf, type InspectionDraft, loadDraft, saveDraft } from "./drafts";
import { Field } from "./Field";
import { HazardEditor } from "./HazardEditor";
import { onOutbox, queueDraft } from "./outbox";
import { SignaturePad } from "./SignaturePad";
import "./inspections.css";

/** A new draft of an inspection from the form's data, with the device's id and today's date. */
function newDraft(user: CurrentUser, form: InspectionForm): InspectionDraft {
  const now = dayjs();
  return {
    id: crypto.randomUUID(),
    userId: user.id,
    institutionId: form.institution.id,
    campaignId: form.campaign?.id ?? null,
    form,
    checklistVersionId: form.checklists.length === 1 ? (form.checklists[0]?.versionId ?? null) : null,
    inspectedOn: now.format("YYYY-MM-DD"),
    startedAt: now.format(),
    place: "",
    inspectors: form.suggestedInspectors.length > 0 ? form.suggestedInspectors : [{ name: user.displayName, unit: user.affiliation.name }],
    answers: {},
    hazards: [],
    rechecks: {},
    remarks: "",
    onSiteOpinions: "",
    representativeName: form.kind === "self" ? "" : form.institution.contactPerson,
    signatureId: null,
    acknowledgedAt: null,
    issueNotice: false,
    state: "editing",
    refusal: null,
    updatedAt: now.toISOString(),
  };
}

/** One draft per user, institution and campaign on the device: opening the assignment again resumes it (React runs effects twice in development). */
const opening = new Map<string, Promise<string>>();
function openDraftFor(user: CurrentUser, institutionId: string, campaignId: string | null): Promise<string> {
  const key = `${user.id}/${institutionId}/${campaignId ?? ""}`;
  let found = opening.get(key);
  if (!found) {
    found = (async () => {
      const existing = (await draftsOf(user.id)).find((d) => d.institutionId === institutionId && d.campaignId === campaignId);
      if (existing) return existing.id;
      const form = await call(inspectionRoutes.form, { params: { id: institutionId }, query: { campaignId: campaignId ?? undefined } });
      const draft = newDraft(user, form);
      await saveDraft(draft);
      return draft.id;
    })().finally(() => opening.delete(key));
    opening.set(key, found);
  }
  return found;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

/**
 * 现场检查: the checklist filled on a phone, kept on the device as it is entered (IndexedDB), sent
 * when the connection allows — even after the tab was closed and reopened offline. Opened from an
 * assignment (`?institutionId=&campaignId=`) or for a self-inspection (`?institutionId=` of one's own
 * institution); the URL then names the draft (`?draft=`), so a reload finds it without the network.
 */
export function InspectionFormPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const draftId = params.get("draft");
  const institutionId = params.get("institutionId");
  const campaignId = params.get("campaignId");
  const [draft, setDraft] = useState<InspectionDraft | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setFailure(null);
    const open = async () => {
      if (draftId) {
        const found = await loadDraft(draftId);
        if (!current) return;
        if (found && found.userId === user.id) setDraft(found);
        else setFailure("本机没有这份检查草稿：它可能已经提交，请在检查记录中查看");
        return;
      }
      if (!institutionId) {
        setFailure("请从检查任务或检查记录页开始检查");
        return;
      }
      const id = await openDraftFor(user, institutionId, campaignId);
      if (current) setParams({ draft: id }, { replace: true });
    };
    open().catch((error: Error) => current && setFailure(error.message));
    return () => {
      current = false;
    };
  }, [draftId, institutionId, campaignId, user, setParams]);

  if (failure) return <Result status="warning" title={failure} />;
  if (!draft) return <Spin description="正在打开检查表…" style={{ display: "block", marginTop: 64 }} />;
  return <DraftEditor key={draft.id} initial={draft} />;
}

function Section({ title, children, extra }: { title: ReactNode; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} extra={extra} size="small" style={{ marginBottom: 12 }}>
      {children}
    </Card>
  );
}

function DraftEditor({ initial }: { initial: InspectionDraft }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const browserOnline = useOnline();
  const [unreachable, setUnreachable] = useState(false);
  const online = browserOnline && !unreachable;
  const [draft, setDraft] = useState(initial);
  const photos = useDraftPhotos(draft.id);
  const [problem, setProblem] = useState<string | null>(null);
  const { form } = draft;

  /** Every change is kept on the device at once: a closed tab or a flat battery loses nothing entered. */
  const update = useCallback((change: (draft: InspectionDraft) => InspectionDraft) => {
    setDraft((current) => {
      const next = change(current);
      const edited = next.state === "refused" ? { ...next, state: "editing" as const } : next;
      void saveDraft(edited);
      return edited;
    });
  }, []);

  // The browser coming back online is worth another try before the next failure says otherwise.
  useEffect(() => {
    if (browserOnline) setUnreachable(false);
  }, [browserOnline]);
  useEffect(
    () =>
      onOutbox((event) => {
        if (event.draftId !== draft.id) return;
        setUnreachable(event.kind === "unreachable");
        if (event.kind === "sent") {
          message.success("检查记录已提交");
          navigate(`/inspections/${event.inspection.id}`, { replace: true });
        } else {
          void loadDraft(draft.id).then((latest) => latest && setDraft(latest));
          void photos.reload();
        }
      }),
    [draft.id, message, navigate, photos.reload],
  );

  const version = versionOf(draft);
  const unsentPhotos = [...photos.photos.values()].filter((p) => !p.uploaded).length;
  const setAnswer = (key: string, change: Partial<DraftAnswer>) =>
    update((d) => ({ ...d, answers: { ...d.answers, [key]: { note: "", photoIds: [], ...d.answers[key], ...change } } }));
  const setHazard = (hazard: DraftHazard) => update((d) => ({ ...d, hazards: d.hazards.map((h) => (h.id === hazard.id ? hazard : h)) }));
  const setRecheck = (id: string, change: Partial<DraftRecheck>) =>
    update((d) => ({ ...d, rechecks: { ...d.rechecks, [id]: { note: "", photoIds: [], ...d.rechecks[id], ...change } } }));

  /** A 不符合 brings its hazard, prefilled from the item; the inspector edits it or says why there is none. */
  const answerResult = (item: ReturnType<typeof itemsOf>[number], result: DraftAnswer["result"]) =>
    update((d) => {
      const answer = { note: "", photoIds: [], ...d.answers[item.key], result };
      const hasHazard = d.hazards.some((h) => h.itemKey === item.key);
      const prefill = hazardPrefill(item, answer.note);
      const hazards =
        result === "non_compliant" && !hasHazard
          ? [
              ...d.hazards,
              {
                id: crypto.randomUUID(),
                ...prefill,
                place: d.place,
                handling: "by_deadline" as const,
                deadline: dayjs(d.inspectedOn).add(30, "day").format("YYYY-MM-DD"),
                responsiblePerson: "",
                responsiblePhone: "",
                majorPlan: null,
                photoIds: answer.photoIds,
              },
            ]
          : d.hazards;
      return { ...d, answers: { ...d.answers, [item.key]: answer }, hazards };
    });

  const submit = async () => {
    const found = draftProblem(draft);
    if (found) {
      setProblem(found.message);
      return;
    }
    setProblem(null);
    const queued = { ...draft, state: "queued" as const };
    setDraft(queued);
    await queueDraft(queued);
    if (!navigator.onLine) message.info("已保存在本机，联网后自动提交");
  };

  const freeHazards = draft.hazards.filter((h) => h.itemKey === null);
  const waiting = draft.state === "queued";
  return (
    <>
      <PageTitle
        title={form.kind === "self" ? "机构自查" : "现场检查"}
        actions={
          online ? (
            <Tag icon={<CloudOutlined />} color="green">
              在线
            </Tag>
          ) : (
            <Tag icon={<DisconnectOutlined />} color="orange">
              离线
            </Tag>
          )
        }
      />
      <Alert
        style={{ marginBottom: 12 }}
        type={waiting ? "warning" : "info"}
        showIcon
        icon={<CloudSyncOutlined />}
        title={waiting ? "等待发送：联网后自动提交" : "本机已保存，尚未提交"}
        description={`未发送：检查记录 1 份${unsentPhotos > 0 ? `，照片 ${unsentPhotos} 张` : ""}。填写内容随时保存在本机，关闭页面或断网不会丢失。`}
      />
      {draft.state === "refused" && draft.refusal && (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          title="提交未被接受，请修改后重新提交"
          description={draft.refusal.message}
          action={
            // The same record arrived earlier and was changed here since: what the server has is the record.
            draft.refusal.field === "id" ? (
              <Button size="small" onClick={() => navigate(`/inspections/${draft.id}`)}>
                查看已提交的记录
              </Button>
            ) : undefined
          }
        />
      )}
      {form.assignment?.state === "inspected" && form.assignment.inspectionId && form.assignment.inspectionId !== draft.id && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title="该机构在本次检查工作中已有检查记录"
          action={
            <Button size="small" onClick={() => navigate(`/inspections/${form.assignment?.inspectionId}`)}>
              查看
            </Button>
          }
        />
      )}
      <Section title={form.institution.name} extra={<Tag>{INSPECTION_KINDS[form.kind]}</Tag>}>
        <Flex vertical gap={8}>
          {form.campaign && (
            <Typography.Text>
              检查工作：{form.campaign.name}
              {form.assignment?.groupName ? ` · ${form.assignment.groupName}` : ""}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">
            {form.institution.jurisdictionName} {form.institution.address}
          </Typography.Text>
          <Field label="检查表">
            <Select
              style={{ width: "100%" }}
              value={draft.checklistVersionId ?? undefined}
              placeholder="请选择检查表"
              options={form.checklists.map((c) => ({ value: c.versionId, label: `${c.name}（第 ${c.version} 版）` }))}
              onChange={(checklistVersionId) =>
                update((d) => ({ ...d, checklistVersionId, answers: {}, hazards: d.hazards.filter((h) => h.itemKey === null) }))
              }
            />
          </Field>
          <Field label="检查日期">
            <DatePicker
              style={{ width: "100%" }}
              inputReadOnly
              allowClear={false}
              value={dayjs(draft.inspectedOn)}
              onChange={(day) => day && update((d) => ({ ...d, inspectedOn: day.format("YYYY-MM-DD") }))}
            />
          </Field>
          <Field label="检查地点">
            <Input value={draft.place} placeholder="如：门诊楼、配电间、消防控制室" onChange={(e) => update((d) => ({ ...d, place: e.target.value }))} />
          </Field>
          <Field label="检查人员">
            <Select
              mode="tags"
              style={{ width: "100%" }}
              value={draft.inspectors.map((one) => one.name)}
              options={form.suggestedInspectors.map((one) => ({ value: one.name, label: one.unit ? `${one.name}（${one.unit}）` : one.name }))}
              onChange={(names: string[]) =>
                update((d) => ({
                  ...d,
                  inspectors: names.map(
                    (name) => d.inspectors.find((one) => one.name === name) ?? form.suggestedInspectors.find((one) => one.name === name) ?? { name, unit: "" },
                  ),
                }))
              }
            />
          </Field>
        </Flex>
      </Section>

      {version?.content.sections.map((section) => (
        <Section key={section.key} title={section.title}>
          {section.items.map((item) => {
            const answer = draft.answers[item.key];
            const hazard = draft.hazards.find((h) => h.itemKey === item.key);
            const full = { ...item, sectionKey: section.key, sectionTitle: section.title };
            return (
              <Flex key={item.key} vertical gap={8} className="yian-inspection-item" role="group" aria-label={item.text}>
                <Typography.Text strong>
                  {item.text}
                  {item.photoRequired && (
                    <Tag color="blue" style={{ marginLeft: 8 }}>
                      须拍照
                    </Tag>
                  )}
                </Typography.Text>
                {item.basis && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    依据：{item.basis}
                  </Typography.Text>
                )}
                {item.answerType === "score" ? (
                  <InputNumber
                    min={0}
                    max={item.maxScore}
                    precision={0}
                    addonAfter={`/ ${item.maxScore} 分`}
                    value={answer?.score}
                    onChange={(score) => setAnswer(item.key, { score: score ?? undefined })}
                  />
                ) : (
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    value={answer?.result}
                    options={optionsOf(ITEM_RESULTS)}
                    onChange={(e) => answerResult(full, e.target.value)}
                  />
                )}
                <Input.TextArea autoSize placeholder="检查情况" value={answer?.note ?? ""} onChange={(e) => setAnswer(item.key, { note: e.target.value })} />
                <PhotoField ids={answer?.photoIds ?? []} photos={photos} onChange={(photoIds) => setAnswer(item.key, { photoIds })} />
                {answer?.result === "non_compliant" &&
                  (hazard ? (
                    <>
                      <HazardEditor hazard={hazard} categories={form.categories} photos={photos} onChange={setHazard} />
                      <Button
                        size="small"
                        onClick={() => update((d) => ({ ...d, hazards: d.hazards.filter((h) => h.id !== hazard.id) }))}
                        style={{ alignSelf: "start" }}
                      >
                        不登记隐患
                      </Button>
                    </>
                  ) : (
                    <Flex vertical gap={4}>
                      <Input
                        placeholder="不登记隐患的原因（如：已当场整改完毕）"
                        value={answer.noHazardReason ?? ""}
                        onChange={(e) => setAnswer(item.key, { noHazardReason: e.target.value })}
                      />
                      <Button size="small" style={{ alignSelf: "start" }} onClick={() => answerResult(full, "non_compliant")}>
                        登记隐患
                      </Button>
                    </Flex>
                  ))}
              </Flex>
            );
          })}
        </Section>
      ))}

      {form.recheckHazards.length > 0 && <RecheckSection form={form} draft={draft} photos={photos} onChange={setRecheck} />}

      <Section
        title="其他隐患"
        extra={
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              update((d) => ({
                ...d,
                hazards: [
                  ...d.hazards,
                  {
                    id: crypto.randomUUID(),
                    itemKey: null,
                    place: d.place,
                    category: form.categories[0]?.value ?? "other",
                    description: "",
                    basis: "",
                    grade: "general",
                    handling: "by_deadline",
                    deadline: dayjs(d.inspectedOn).add(30, "day").format("YYYY-MM-DD"),
                    responsiblePerson: "",
                    responsiblePhone: "",
                    majorPlan: null,
                    photoIds: [],
                  },
                ],
              }))
            }
          >
            添加
          </Button>
        }
      >
        {freeHazards.length === 0 ? (
          <Typography.Text type="secondary">检查表以外发现的隐患在此添加</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            {freeHazards.map((hazard) => (
              <HazardEditor
                key={hazard.id}
                hazard={hazard}
                categories={form.categories}
                photos={photos}
                onChange={setHazard}
                onRemove={() => update((d) => ({ ...d, hazards: d.hazards.filter((h) => h.id !== hazard.id) }))}
              />
            ))}
          </Flex>
        )}
      </Section>

      <Section title="检查意见与签字">
        <Flex vertical gap={8}>
          <Field label="检查意见">
            <Input.TextArea autoSize={{ minRows: 2 }} value={draft.remarks} onChange={(e) => update((d) => ({ ...d, remarks: e.target.value }))} />
          </Field>
          <Field label="现场整改意见">
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              value={draft.onSiteOpinions}
              onChange={(e) => update((d) => ({ ...d, onSiteOpinions: e.target.value }))}
            />
          </Field>
          <Field label="被检查单位负责人">
            <Input value={draft.representativeName} onChange={(e) => update((d) => ({ ...d, representativeName: e.target.value }))} />
          </Field>
          <SignaturePad
            signedUrl={draft.signatureId ? (photos.photos.get(draft.signatureId)?.url ?? null) : null}
            onSigned={async (png) => {
              const id = await photos.add(png, "负责人签名.png");
              update((d) => ({ ...d, signatureId: id, acknowledgedAt: dayjs().format() }));
            }}
            onCleared={() => {
              const old = draft.signatureId;
              update((d) => ({ ...d, signatureId: null, acknowledgedAt: null }));
              if (old) void photos.remove(old);
            }}
          />
          {form.kind === "supervision" && draft.hazards.length > 0 && (
            <Checkbox checked={draft.issueNotice} onChange={(e) => update((d) => ({ ...d, issueNotice: e.target.checked }))}>
              提交时开具整改通知书
            </Checkbox>
          )}
        </Flex>
      </Section>

      {problem && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={problem} />}
      <Button type="primary" size="large" block loading={waiting && online} onClick={submit} style={{ marginBottom: 24 }}>
        {waiting ? "等待发送" : "提交检查记录"}
      </Button>
    </>
  );
}

function RecheckSection({
  form,
  draft,
  photos,
  onChange,
}: {
  form: InspectionForm;
  draft: InspectionDraft;
  photos: DraftPhotos;
  onChange: (id: string, change: Partial<DraftRecheck>) => void;
}) {
  return (
    <Section title={`回头看复查（${form.recheckHazards.length} 项）`}>
      {form.recheckHazards.map((hazard) => {
        const recheck = draft.rechecks[hazard.id];
        return (
          <Flex key={hazard.id} vertical gap={8} className="yian-inspection-item" role="group" aria-label={`复查 ${hazard.number}`}>
            <Typography.Text strong>
              {hazard.number} {hazard.description}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hazard.place} · {hazardCategoryLabel(hazard.category)} · 当前状态：{labelOf(HAZARD_STATES, hazard.state)}
            </Typography.Text>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={recheck?.result}
              options={optionsOf(RECHECK_RESULTS)}
              onChange={(e) => onChange(hazard.id, { result: e.target.value })}
            />
            <Input.TextArea autoSize placeholder="复查情况" value={recheck?.note ?? ""} onChange={(e) => onChange(hazard.id, { note: e.target.value })} />
            <PhotoField ids={recheck?.photoIds ?? []} photos={photos} onChange={(photoIds) => onChange(hazard.id, { photoIds })} />
          </Flex>
        );
      })}
    </Section>
  );
}
