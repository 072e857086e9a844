import { Timeline, Typography } from "antd";
import type { z } from "zod";
import { HazardCommandBody, type HazardDetail, type HazardEvent } from "../../../contracts/hazards";
import { labelAt } from "../../../contracts/validation";
import { HAZARD_COMMANDS, HAZARD_GRADES, HAZARD_STATES, type HazardCommandKind, MAJOR_PLAN_FIELDS } from "../../../domain/hazard-lifecycle";
import { labelOf } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { PhotoGallery } from "../../ui/PhotoGallery";

type Event = z.infer<typeof HazardEvent>;

/** Events that are not lifecycle commands: the record itself, its notices and its listing. */
const OTHER_EVENTS: Record<string, string> = {
  record: "登记隐患",
  notice: "开具通知书",
  notice_acknowledged: "签收通知书",
  list: "挂牌督办",
  publish_listing: "公布挂牌督办",
  publish_delisting: "公布摘牌销号",
  acknowledge_listing: "签收挂牌督办",
};
const eventLabel = (kind: string) => OTHER_EVENTS[kind] ?? HAZARD_COMMANDS[kind as HazardCommandKind]?.label ?? kind;

/** What those events carry, in words; ids and kinds are for the machine and stay unshown. */
const DETAIL_LABELS: Record<string, string> = {
  title: "文书",
  number: "文书编号",
  documentNumber: "督办文号",
  supervisingDepartment: "督办责任部门",
  deadline: "督办整改期限",
  listingAuthority: "挂牌部门",
  imported: "来源",
};
const HIDDEN_DETAILS = new Set(["noticeId", "kind"]);

/** The command's schema in the contract, whose labels name what the user wrote ("退回原因", "整改情况"). */
const commandSchema = (kind: string) => HazardCommandBody.shape.command.options.find((option) => option.shape.kind.value === kind);
const fieldLabel = (kind: string, key: string) => {
  const schema = commandSchema(kind);
  return (schema && labelAt(schema, [key])) ?? DETAIL_LABELS[key] ?? key;
};

const EVENT_COLORS: Partial<Record<string, string>> = { record: "blue", return: "red", verify: "green", close_on_spot: "green", void: "gray" };

/** A value the timeline shows: plans field by field, grades and dates in words, nothing as raw JSON. */
function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "无";
  if (key === "imported") return "由 Excel 台账导入";
  if (key === "grade") return labelOf(HAZARD_GRADES, String(value));
  if (key === "state") return labelOf(HAZARD_STATES, String(value));
  if (key === "pendingExtension" && typeof value === "object") {
    const request = value as { requestedDeadline?: string };
    return `申请延至 ${request.requestedDeadline ?? ""}`;
  }
  if ((key === "majorPlan" || key === "plan") && typeof value === "object") {
    return Object.entries(MAJOR_PLAN_FIELDS)
      .map(([field, label]) => `${label}：${String((value as Record<string, unknown>)[field] ?? "")}`)
      .join("；");
  }
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** What a change did to the hazard, in words; the review round shows beside the event instead. */
const CHANGE_LABELS: Record<string, string> = {
  state: "状态",
  grade: "隐患等级",
  deadline: "整改时限",
  pendingExtension: "延期申请",
  majorPlan: "“五落实”方案",
};

function EventBody({ event }: { event: Event }) {
  // In the order the command's form asks them (the database keeps JSON keys in an order of its own).
  const order = Object.keys(commandSchema(event.kind)?.shape ?? {});
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const details = Object.entries(event.details)
    .filter(([key]) => key !== "grade" && !HIDDEN_DETAILS.has(key) && !(event.kind === "record" && key === "state"))
    .sort(([a], [b]) => rank(a) - rank(b));
  const changes = Object.entries(event.changed).filter(([key]) => key !== "round");
  return (
    <div className="yian-hazard-event">
      <div>
        <Typography.Text strong>{eventLabel(event.kind)}</Typography.Text>
        {event.round > 0 && ["submit", "return", "verify"].includes(event.kind) && <Typography.Text type="secondary">（第 {event.round} 轮）</Typography.Text>}
      </div>
      <Typography.Text type="secondary">
        {event.actorName} · {formatTime(event.at)}
      </Typography.Text>
      {event.reason && (
        <div>
          {fieldLabel(event.kind, "reason")}：{event.reason}
        </div>
      )}
      {details.map(([key, value]) => (
        <div key={key}>
          {key === "plan" ? "“五落实”方案" : fieldLabel(event.kind, key)}：{valueText(key, value)}
        </div>
      ))}
      {event.attachments.length > 0 && <PhotoGallery photos={event.attachments} showPurpose={false} />}
      {changes.map(([key, change]) => (
        <div key={key} className="yian-hazard-change">
          {CHANGE_LABELS[key] ?? key}：{key === "majorPlan" ? "已更新" : `${valueText(key, change.from)} → ${valueText(key, change.to)}`}
        </div>
      ))}
    </div>
  );
}

/** Every event of the hazard, oldest first: who did what when, why, and what it changed. */
export function HazardTimeline({ hazard }: { hazard: HazardDetail }) {
  return <Timeline items={hazard.events.map((event) => ({ color: EVENT_COLORS[event.kind] ?? "blue", content: <EventBody event={event} /> }))} />;
}
