import { count } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { CAMPAIGN_PHASES, campaignRoutes } from "../../../contracts/campaigns";
import { INSTITUTION_GRADES, INSTITUTION_TYPES } from "../../../contracts/enums";
import { institution } from "../../../db/schema";
import { ASSIGNMENT_STATES, CAMPAIGN_KINDS } from "../../../domain/inspections";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { registerRoute } from "../../platform/http/routes";
import { exportList } from "../../platform/list/export-list";
import type { Scope } from "../../platform/scope";
import { currentVersions, readerOf } from "../checklists/queries";
import { changeAssignmentState, changeAssignmentWindow } from "./change-assignment";
import { coverageLedger, gapBatches, gapCondition, listGaps } from "./coverage";
import { authorityOfActor, createCampaign } from "./create-campaign";
import { FOLLOW_UP_LIST_CRON, FOLLOW_UP_LIST_JOB, makeDueFollowUpLists, makeFollowUpList } from "./follow-up";
import {
  assignmentBatches,
  assignmentListCondition,
  campaignBatches,
  campaignDetail,
  campaignListCondition,
  listAssignments,
  listCampaigns,
  myAssignments,
  requireCampaign,
} from "./queries";
import { scopeCondition } from "./scope-rule";

export function registerCampaignRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, directory, clock, jobs } = deps;
  // The 回头看 lists of first rounds that ended: made each night, once per slot across server processes.
  jobs.work(FOLLOW_UP_LIST_JOB, async () => {
    await makeDueFollowUpLists(db, clock.today());
  });
  jobs.schedule(FOLLOW_UP_LIST_JOB, FOLLOW_UP_LIST_CRON);

  const visible = (scope: Scope, id: string) => requireCampaign(db, scope, id);

  registerRoute(app, campaignRoutes.create, ({ actor, body }) => createCampaign(deps, requireUser(actor), body));
  registerRoute(app, campaignRoutes.scopeCount, async ({ actor, body }) => {
    const authority = authorityOfActor(requireUser(actor));
    const [counted] = await db
      .select({ count: count() })
      .from(institution)
      .where(scopeCondition(directory, authority.code, body.scope));
    return { count: counted?.count ?? 0 };
  });
  // The picker needs each template's current version id, which the checklist list (/api/checklists) does not give.
  registerRoute(app, campaignRoutes.checklistOptions, async ({ actor }) =>
    (await currentVersions(db, readerOf(actor))).map(({ versionId, name, version, itemCount, scored }) => ({ versionId, name, version, itemCount, scored })),
  );
  registerRoute(app, campaignRoutes.list, ({ actor, query }) => listCampaigns(db, directory, actor.scope, query, clock.today()));
  registerRoute(app, campaignRoutes.export, async ({ actor, query }) => {
    const today = clock.today();
    return exportList(db, requireUser(actor), {
      action: "campaign.export",
      targetType: "campaign",
      filters: query,
      fileName: `检查工作-${today}.xlsx`,
      sheetName: "检查工作",
      columns: [
        { header: "名称", width: 36, value: (c) => c.name },
        { header: "检查类型", width: 14, value: (c) => CAMPAIGN_KINDS[c.kind] },
        { header: "部署部门", width: 24, value: (c) => c.authorityName },
        { header: "开始日期", width: 12, value: (c) => c.periodStart },
        { header: "结束日期", width: 12, value: (c) => c.periodEnd },
        { header: "四不两直", width: 10, value: (c) => (c.unannounced ? "是" : "否") },
        { header: "状态", width: 10, value: (c) => CAMPAIGN_PHASES[c.phase] },
        { header: "检查对象", width: 10, value: (c) => c.progress.total },
        { header: "已检查", width: 10, value: (c) => c.progress.inspected },
        { header: "未检查", width: 10, value: (c) => c.progress.pending },
        { header: "不适用", width: 10, value: (c) => c.progress.notApplicable },
      ],
      batches: campaignBatches(db, directory, campaignListCondition(actor.scope, query, today), query, today),
    });
  });
  registerRoute(app, campaignRoutes.detail, async ({ actor, params }) => campaignDetail(deps, actor, await visible(actor.scope, params.id), clock.today()));
  registerRoute(app, campaignRoutes.assignments, async ({ actor, params, query }) => {
    await visible(actor.scope, params.id);
    return listAssignments(db, directory, actor.scope, params.id, query);
  });
  registerRoute(app, campaignRoutes.assignmentsExport, async ({ actor, params, query }) => {
    const found = await visible(actor.scope, params.id);
    return exportList(db, requireUser(actor), {
      action: "campaign.assignments_export",
      targetType: "campaign",
      filters: { campaign: found.name, ...query },
      fileName: `检查对象-${found.name}.xlsx`,
      sheetName: "检查对象",
      columns: [
        { header: "机构名称", width: 36, value: (a) => a.institutionName },
        { header: "行政区划", width: 16, value: (a) => a.jurisdictionName },
        { header: "机构类型", width: 16, value: (a) => INSTITUTION_TYPES[a.type as keyof typeof INSTITUTION_TYPES] ?? a.type },
        { header: "等级", width: 8, value: (a) => INSTITUTION_GRADES[a.grade as keyof typeof INSTITUTION_GRADES] ?? a.grade },
        { header: "工作组", width: 16, value: (a) => a.groupName ?? "" },
        { header: "检查窗口开始", width: 14, value: (a) => a.windowStart },
        { header: "检查窗口结束", width: 14, value: (a) => a.windowEnd },
        { header: "检查状态", width: 10, value: (a) => ASSIGNMENT_STATES[a.state] },
        { header: "不适用原因", width: 30, value: (a) => a.notApplicableReason ?? "" },
      ],
      batches: assignmentBatches(db, directory, assignmentListCondition(directory, actor.scope, params.id, query), query),
    });
  });
  registerRoute(app, campaignRoutes.assignmentState, ({ actor, params, body }) => changeAssignmentState(deps, requireUser(actor), params.id, body));
  registerRoute(app, campaignRoutes.assignmentWindow, ({ actor, params, body }) => changeAssignmentWindow(deps, requireUser(actor), params.id, body));
  registerRoute(app, campaignRoutes.makeFollowUpList, ({ actor, params }) => makeFollowUpList(deps, requireUser(actor), params.id));
  registerRoute(app, campaignRoutes.coverage, ({ actor, query }) => coverageLedger(db, directory, actor.scope, query.jurisdictionCode, clock.today()));
  registerRoute(app, campaignRoutes.gaps, ({ actor, query }) => listGaps(db, directory, actor.scope, query, clock.today()));
  registerRoute(app, campaignRoutes.gapsExport, async ({ actor, query }) => {
    const today = clock.today();
    return exportList(db, requireUser(actor), {
      action: "coverage.gaps_export",
      targetType: "campaign",
      filters: query,
      fileName: `本季度未督导检查机构-${today}.xlsx`,
      sheetName: "未覆盖机构",
      columns: [
        { header: "机构名称", width: 36, value: (g) => g.name },
        { header: "行政区划", width: 16, value: (g) => g.jurisdictionName },
        { header: "机构类型", width: 16, value: (g) => INSTITUTION_TYPES[g.type as keyof typeof INSTITUTION_TYPES] ?? g.type },
        { header: "等级", width: 8, value: (g) => INSTITUTION_GRADES[g.grade as keyof typeof INSTITUTION_GRADES] ?? g.grade },
        { header: "省直", width: 8, value: (g) => (g.provincialDirect ? "是" : "否") },
        { header: "上次督导检查", width: 14, value: (g) => g.lastInspectedOn ?? "从未" },
      ],
      batches: gapBatches(db, directory, gapCondition(directory, actor.scope, query, today), query),
    });
  });
  registerRoute(app, campaignRoutes.mine, ({ actor, query }) => myAssignments(db, directory, actor.scope, query));
}
