import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { HazardDetail } from "../../../contracts/hazards";
import { HAZARD_SOURCES, hazardCategoryLabel } from "../../../domain/hazard-categories";
import {
  commandsOpenTo,
  HAZARD_COMMANDS,
  HAZARD_HANDLINGS,
  type HazardCommandKind,
  type HazardState,
  isOpen,
  MAJOR_PLAN_FIELDS,
  type MajorHazardPlan,
} from "../../../domain/hazard-lifecycle";
import { useCan } from "../../app/session";
import { labelOf } from "../../ui/enum-options";
import { PageTitle } from "../../ui/PageTitle";
import { PhotoGallery } from "../../ui/PhotoGallery";
import { Loaded, NotFoundResult } from "../../ui/results";
import { IssueNoticeDialog } from "../notices/IssueNoticeDialog";
import { HazardCommandDialog } from "./HazardCommandDialog";
import { HazardSupervision } from "./HazardSupervision";
import { HazardTimeline } from "./HazardTimeline";
import { HazardDeadline, HazardGradeTag, HazardStateTag, OverdueTag } from "./hazard-display";
import { factsOf, isHazardId, useHazard, useHazardSide } from "./queries";

/** Commands that undo or end a hazard's course, drawn as such. */
const DANGEROUS: HazardCommandKind[] = ["return", "refuse_extension", "void"];
/** The step each side expects to take next, drawn as the primary button. */
const PRIMARY: HazardCommandKind[] = ["submit", "verify", "close_on_spot", "approve_extension"];

function HazardFields({ hazard }: { hazard: HazardDetail }) {
  return (
    <Descriptions bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
      <Descriptions.Item label="被检查机构">{hazard.institutionName}</Descriptions.Item>
      <Descriptions.Item label="所在县（市、区）">{hazard.jurisdictionName}</Descriptions.Item>
      <Descriptions.Item label="发现日期">{hazard.foundOn}</Descriptions.Item>
      <Descriptions.Item label="发现人">{hazard.finders}</Descriptions.Item>
      <Descriptions.Item label="隐患部位">{hazard.place}</Descriptions.Item>
      <Descriptions.Item label="隐患类别">{hazardCategoryLabel(hazard.category)}</Descriptions.Item>
      <Descriptions.Item label="隐患描述" span={{ xs: 1, md: 2 }}>
        {hazard.description}
      </Descriptions.Item>
      <Descriptions.Item label="判定依据" span={{ xs: 1, md: 2 }}>
        {hazard.basis || "—"}
      </Descriptions.Item>
      <Descriptions.Item label="隐患等级">
        <HazardGradeTag grade={hazard.grade} />
      </Descriptions.Item>
      <Descriptions.Item label="处理方式">{labelOf(HAZARD_HANDLINGS, hazard.handling)}</Descriptions.Item>
      <Descriptions.Item label="整改时限">{hazard.deadline ? <HazardDeadline hazard={hazard} /> : "—"}</Descriptions.Item>
      <Descriptions.Item label="整改责任人">
        {hazard.responsiblePerson}
        {hazard.responsiblePhone && <Typography.Text type="secondary">（{hazard.responsiblePhone}）</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label="照片" span={{ xs: 1, md: 2 }}>
        {hazard.photos.length > 0 ? <PhotoGallery photos={hazard.photos} /> : "—"}
      </Descriptions.Item>
      <Descriptions.Item label="来源">{labelOf(HAZARD_SOURCES, hazard.source)}</Descriptions.Item>
      <Descriptions.Item label="复查轮次">{hazard.round > 0 ? `第 ${hazard.round} 轮` : "尚未提交整改"}</Descriptions.Item>
    </Descriptions>
  );
}

function MajorPlan({ plan, current }: { plan: MajorHazardPlan; current: boolean }) {
  return (
    <Card
      title="“五落实”整改方案"
      extra={!current && <Typography.Text type="secondary">已降为一般隐患，方案留档</Typography.Text>}
      style={{ marginBottom: 16 }}
    >
      <Descriptions bordered column={1} styles={{ label: { whiteSpace: "nowrap" } }}>
        {(Object.keys(MAJOR_PLAN_FIELDS) as (keyof MajorHazardPlan)[]).map((key) => (
          <Descriptions.Item key={key} label={MAJOR_PLAN_FIELDS[key]}>
            <span style={{ whiteSpace: "pre-wrap" }}>{plan[key]}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

function LoadedHazard({ id }: { id: string }) {
  const hazard = useHazard(id);
  const side = useHazardSide();
  const [searchParams, setSearchParams] = useSearchParams();
  const [dialog, setDialog] = useState<HazardCommandKind | null>(null);
  const [issuing, setIssuing] = useState(false);
  const can = useCan();
  const navigate = useNavigate();
  const open = hazard.data ? commandsOpenTo(factsOf(hazard.data), side) : [];
  // A list row's step (?step=submit) opens its dialog once the hazard is read afresh (a copy cached
  // from an earlier visit may be out of date), if the step is still open to the user.
  const step = searchParams.get("step") as HazardCommandKind | null;
  const stepOpen = step !== null && open.includes(step);
  const current = hazard.isSuccess && !hazard.isFetching;
  useEffect(() => {
    if (step === null || !current) return;
    if (stepOpen) setDialog(step);
    setSearchParams({}, { replace: true });
  }, [step, stepOpen, current, setSearchParams]);

  return (
    <Loaded query={hazard}>
      {(detail) => (
        <>
          <Breadcrumb
            style={{ marginBottom: 8 }}
            items={[{ title: side === "authority" ? <Link to="/hazards">隐患台账</Link> : <Link to="/my-hazards">我的隐患</Link> }, { title: detail.number }]}
          />
          <PageTitle
            title={detail.number}
            actions={[
              ...open.map((kind) => (
                <Button key={kind} type={PRIMARY.includes(kind) ? "primary" : "default"} danger={DANGEROUS.includes(kind)} onClick={() => setDialog(kind)}>
                  {HAZARD_COMMANDS[kind].label}
                </Button>
              )),
              // The notice of this hazard, from its page: the dialog starts with it ticked.
              can("hazard:record") && isOpen(detail.state as HazardState) && (
                <Button key="notice" onClick={() => setIssuing(true)}>
                  开具通知书
                </Button>
              ),
            ]}
          />
          <Flex wrap gap={4} style={{ marginBottom: 16 }}>
            <HazardStateTag state={detail.state} />
            <HazardGradeTag grade={detail.grade} />
            <OverdueTag hazard={detail} />
          </Flex>
          {detail.pendingExtension && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`延期申请待审批：申请将整改时限延至 ${detail.pendingExtension.requestedDeadline}`}
              description={`延期原因：${detail.pendingExtension.reason}`}
            />
          )}
          <Card title="隐患信息" style={{ marginBottom: 16 }}>
            <HazardFields hazard={detail} />
          </Card>
          {detail.majorPlan && <MajorPlan plan={detail.majorPlan} current={detail.grade === "major"} />}
          <HazardSupervision hazard={detail} />
          <Card title="办理记录">
            <HazardTimeline hazard={detail} />
          </Card>
          {dialog && <HazardCommandDialog kind={dialog} hazard={detail} onClose={() => setDialog(null)} />}
          {issuing && (
            <IssueNoticeDialog
              institutionId={detail.institutionId}
              hazardIds={[detail.id]}
              onIssued={(notice) => navigate(`/notices?number=${encodeURIComponent(notice.number)}`)}
              onClose={() => setIssuing(false)}
            />
          )}
        </>
      )}
    </Loaded>
  );
}

/** /hazards/:id — a hazard, its 五落实 plan, its whole history, and what the user may do now. */
export function HazardDetailPage() {
  const { id = "" } = useParams();
  return isHazardId(id) ? <LoadedHazard id={id} /> : <NotFoundResult />;
}
