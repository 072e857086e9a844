import dayjs from "dayjs";
import type { z } from "zod";
import { HazardCommandBody, HazardRecordBody } from "../../contracts/hazards";
import { HAZARD_COMMANDS } from "../../domain/hazard-lifecycle";
import { commandHazard } from "../modules/hazards/command-hazard";
import { recordHazard } from "../modules/hazards/record-hazard";
import type { JurisdictionDirectory } from "../modules/jurisdictions/directory";
import { deliverHazardDigests } from "../modules/notifications/hazard-digest";
import { systemClock } from "../platform/clock";
import type { Db } from "../platform/db";
import { demoActor } from "./demo-actor";

type Command = z.input<typeof HazardCommandBody>["command"];

/** A hazard of the demo: how it was recorded, and the steps it has been through since (each by its side). */
interface DemoHazard {
  record: Omit<z.input<typeof HazardRecordBody>, "institutionId">;
  steps: Command[];
}

const NO_PHOTO = "演示数据，无现场照片";
const submit = (actionsTaken: string, cost?: string): Command => ({ kind: "submit", actionsTaken, cost, noPhotoReason: NO_PHOTO });

/** One hazard in each state of the loop, one overdue, one major with its plan and one waiting on an extension; days count from `today`. */
const demoHazards = (today: string): DemoHazard[] => {
  const inDays = (days: number) => dayjs(today).add(days, "day").format("YYYY-MM-DD");
  return [
    {
      record: {
        foundOn: inDays(-2),
        deadline: inDays(12),
        finders: "兰考县卫健委检查员、张强",
        place: "门诊楼三楼东侧安全出口",
        category: "fire",
        description: "安全出口处堆放轮椅、纸箱等杂物，疏散通道宽度不足 1 米",
        basis: "《中华人民共和国消防法》第二十八条",
        grade: "general",
        handling: "by_deadline",
        responsiblePerson: "李卫东",
        responsiblePhone: "13803781234",
        majorPlan: null,
      },
      steps: [],
    },
    {
      record: {
        foundOn: inDays(-8),
        deadline: inDays(6),
        finders: "兰考县卫健委检查员",
        place: "住院部一层配电间",
        category: "electrical",
        description: "配电柜前堆放纸箱等可燃物，柜门无法完全打开；部分线路未穿管敷设",
        basis: "《机关、团体、企业、事业单位消防安全管理规定》第二十一条",
        grade: "general",
        handling: "by_deadline",
        responsiblePerson: "王建设",
        responsiblePhone: "0371-26991234",
        majorPlan: null,
      },
      steps: [{ kind: "start" }, { kind: "request_extension", requestedDeadline: inDays(20), reason: "穿管材料需招标采购，预计三周到货" }],
    },
    {
      record: {
        foundOn: inDays(-12),
        deadline: inDays(3),
        finders: "兰考县卫健委检查员",
        place: "氧气汇流排间",
        category: "medical_gas",
        description: "氧气汇流排间未设置“严禁烟火”警示标识，门口堆放油性清洁剂",
        basis: "《医用气体工程技术规范》GB 50751-2012 第 4.6 条",
        grade: "general",
        handling: "by_deadline",
        responsiblePerson: "赵明",
        responsiblePhone: "",
        majorPlan: null,
      },
      steps: [{ kind: "start" }, submit("已张贴警示标识，清洁剂移至危化品库房", "约 200 元")],
    },
    {
      record: {
        foundOn: inDays(-30),
        deadline: inDays(-10),
        finders: "兰考县卫健委检查员、李明",
        place: "门诊楼 2 号电梯",
        category: "special_equipment",
        description: "电梯使用标志显示定期检验已过期 15 天",
        basis: "《中华人民共和国特种设备安全法》第四十条",
        grade: "general",
        handling: "by_deadline",
        responsiblePerson: "孙卫国",
        responsiblePhone: "13937812345",
        majorPlan: null,
      },
      steps: [
        { kind: "start" },
        submit("已联系特检院预约检验"),
        { kind: "return", reason: "仅预约不算整改完成，须取得新的检验合格标志" },
        submit("已完成定期检验，张贴新的使用标志", "检验费 1800 元"),
        {
          kind: "verify",
          verifiers: "兰考县卫健委检查员、李明",
          verifiedOn: today,
          opinion: "现场核查新使用标志，检验合格，同意销号",
          noPhotoReason: NO_PHOTO,
        },
      ],
    },
    {
      record: {
        foundOn: inDays(-25),
        deadline: inDays(-4),
        finders: "兰考县卫健委检查员",
        place: "职工食堂操作间",
        category: "gas",
        description: "燃气泄漏报警器故障，按测试按钮无声光报警",
        basis: "《城镇燃气设计规范》GB 50028 第 10.8 节",
        grade: "general",
        handling: "by_deadline",
        responsiblePerson: "周红",
        responsiblePhone: "13700378888",
        majorPlan: null,
      },
      steps: [{ kind: "start" }],
    },
    {
      record: {
        foundOn: inDays(-5),
        deadline: inDays(60),
        finders: "兰考县卫健委检查员、开封市特聘专家",
        place: "住院部老楼（1985 年建）三层东侧",
        category: "construction",
        description: "承重墙出现多条斜向裂缝，最宽处约 3 毫米，楼板局部下沉",
        basis: "《医疗机构重大事故隐患判定清单（试行）》：临床业务用房出现严重沉降、裂缝",
        grade: "major",
        handling: "by_deadline",
        responsiblePerson: "院长 刘志强",
        responsiblePhone: "0371-26990001",
        majorPlan: {
          measures: "委托有资质单位进行房屋安全鉴定，依据鉴定结论加固或停用；三层东侧病区整体搬迁至新住院楼",
          funds: "预算 80 万元，医院自筹 30 万元，申请县财政专项 50 万元",
          deadline: "鉴定 15 日内完成，加固 60 日内完成",
          responsiblePerson: "院长 刘志强（总负责），后勤保障部主任 王建设（具体实施）",
          interimMeasures: "三层东侧病区立即停用，设置警戒线；每日两次裂缝监测并记录；制定坍塌应急疏散预案并组织演练",
        },
      },
      steps: [],
    },
  ];
};

/**
 * The demo hospital's hazards, recorded by the county's inspector and carried through the loop by
 * the same use cases as the API (numbers, events and audit records included), so `npm start` shows
 * every state: pending, rectifying with an extension asked, awaiting review, closed after a return,
 * overdue, and a major hazard with its 五落实 plan.
 */
export async function seedDemoHazards(db: Db, directory: JurisdictionDirectory, hospitalId: string) {
  const deps = { db, directory, clock: systemClock };
  const today = systemClock.today();
  const inspector = await demoActor(db, directory, "lk_inspector");
  const hospitalAdmin = await demoActor(db, directory, "lkyy_admin");
  for (const { record, steps } of demoHazards(today)) {
    // Parsed by the API's own schemas, so the demo passes the checks a request would.
    let hazard = await recordHazard(deps, inspector, HazardRecordBody.parse({ ...record, institutionId: hospitalId }));
    for (const step of steps) {
      const actor = HAZARD_COMMANDS[step.kind].side === "institution" ? hospitalAdmin : inspector;
      hazard = await commandHazard(deps, actor, hazard.id, HazardCommandBody.parse({ version: hazard.version, command: step }));
    }
  }
  // Today's reminder, as the 07:00 job would have delivered it, so the demo's message bell has it.
  await deliverHazardDigests(db, today);
}
