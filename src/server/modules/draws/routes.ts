import type { FastifyInstance } from "fastify";
import { drawRoutes, expertRoutes, groupRoutes } from "../../../contracts/draws";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { exportList } from "../../platform/list/export-list";
import { campaignDraws, drawDetail, publicDraw, publishDraw, rerunRecordedDraw, runCampaignDraw } from "./draws";
import { createExpert, expertBatches, expertListCondition, listExperts, updateExpert } from "./experts";
import { assignGroup, campaignGroups, createGroup, groupInstitutions, memberCandidates, renameGroup, setGroupMembers, spreadGroups } from "./groups";

/** The public page's answer to a code no published draw carries. */
const NOT_PUBLISHED = "未找到该抽取结果公示，请核对公示地址";

/** The expert pool (专家库), a campaign's working groups (工作组) and its random draw (双随机、一公开). */
export function registerDrawRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  registerRoute(app, expertRoutes.list, ({ actor, query }) => listExperts(db, actor.scope, query));
  registerRoute(app, expertRoutes.export, async ({ actor, query }) =>
    exportList(db, requireUser(actor), {
      action: "expert.export",
      targetType: "expert",
      filters: query,
      fileName: `专家库-${clock.today()}.xlsx`,
      sheetName: "专家库",
      columns: [
        { header: "姓名", width: 12, value: (e) => e.name },
        { header: "工作单位", width: 28, value: (e) => e.unit },
        { header: "所在机构（在册）", width: 28, value: (e) => e.institution?.name ?? "" },
        { header: "专业领域", width: 18, value: (e) => e.speciality },
        { header: "联系电话", width: 16, value: (e) => e.phone },
        { header: "回避机构", width: 40, value: (e) => e.conflictInstitutions.map((c) => c.name).join("、") },
        { header: "回避说明", width: 30, value: (e) => e.conflictNote },
        { header: "所属专家库", width: 24, value: (e) => e.authorityName },
        { header: "状态", width: 8, value: (e) => (e.active ? "在库" : "不在库") },
      ],
      batches: expertBatches(db, expertListCondition(actor.scope, query), query),
    }),
  );
  registerRoute(app, expertRoutes.create, ({ actor, body }) => createExpert(db, requireUser(actor), body));
  registerRoute(app, expertRoutes.update, ({ actor, params, body }) => updateExpert(db, requireUser(actor), params.id, body));

  registerRoute(app, groupRoutes.list, ({ actor, params }) => campaignGroups(db, actor.scope, params.id));
  registerRoute(app, groupRoutes.candidates, ({ actor, params }) => memberCandidates(db, actor.scope, params.id));
  registerRoute(app, groupRoutes.create, ({ actor, params, body }) => createGroup(db, requireUser(actor), params.id, body));
  registerRoute(app, groupRoutes.rename, ({ actor, params, body }) => renameGroup(db, requireUser(actor), params.id, body));
  registerRoute(app, groupRoutes.members, ({ actor, params, body }) => setGroupMembers(db, requireUser(actor), params.id, body));
  registerRoute(app, groupRoutes.institutions, ({ actor, params, query }) => groupInstitutions(db, actor.scope, params.id, query));
  registerRoute(app, groupRoutes.assign, ({ actor, params, body }) => assignGroup(db, requireUser(actor), params.id, body));
  registerRoute(app, groupRoutes.spread, ({ actor, params, body }) => spreadGroups(db, requireUser(actor), params.id, body));

  registerRoute(app, drawRoutes.list, ({ actor, params }) => campaignDraws(db, actor.scope, params.id));
  registerRoute(app, drawRoutes.run, ({ actor, params, body }) => runCampaignDraw(deps, requireUser(actor), params.id, body));
  registerRoute(app, drawRoutes.detail, ({ actor, params }) => drawDetail(db, actor.scope, params.id));
  registerRoute(app, drawRoutes.rerun, ({ actor, params, query }) => rerunRecordedDraw(deps, actor.scope, params.id, query.pool));
  registerRoute(app, drawRoutes.publish, ({ actor, params }) => publishDraw(db, requireUser(actor), params.id));
  registerRoute(app, drawRoutes.public, async ({ params }) => {
    const found = await publicDraw(db, params.code);
    if (!found) throw notFound(NOT_PUBLISHED);
    return found;
  });
}
