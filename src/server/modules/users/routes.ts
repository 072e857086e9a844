import type { FastifyInstance } from "fastify";
import { ROLES } from "../../../contracts/enums";
import { userRoutes } from "../../../contracts/users";
import { chinaMinute } from "../../../domain/calendar";
import type { AppDeps } from "../../deps";
import { registerRoute } from "../../platform/http/routes";
import { exportList } from "../../platform/list/export-list";
import { createUser, resetPassword, updateUser } from "./manage-users";
import { listUsers, userBatches, userListCondition } from "./queries";

export function registerUserRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  registerRoute(app, userRoutes.list, ({ actor, query }) => listUsers(db, actor.scope, query));

  registerRoute(app, userRoutes.export, async ({ actor, query }) =>
    exportList(db, actor, {
      action: "user.export",
      targetType: "user",
      filters: query,
      fileName: `用户-${clock.today()}.xlsx`,
      sheetName: "用户",
      columns: [
        { header: "用户名", width: 18, value: (user) => user.username },
        { header: "姓名", width: 14, value: (user) => user.displayName },
        { header: "角色", width: 16, value: (user) => ROLES[user.role] },
        { header: "所属单位", width: 30, value: (user) => user.affiliationName },
        { header: "状态", width: 10, value: (user) => (!user.active ? "已停用" : user.locked ? "已锁定" : "正常") },
        { header: "最近登录", width: 18, value: (user) => (user.lastLoginAt ? chinaMinute(new Date(user.lastLoginAt)) : "从未登录") },
      ],
      batches: userBatches(db, userListCondition(actor.scope, query), query),
    }),
  );

  registerRoute(app, userRoutes.create, ({ actor, body }) => createUser(deps, actor, body));
  registerRoute(app, userRoutes.update, ({ actor, params, body }) => updateUser(deps, actor, params.id, body));
  registerRoute(app, userRoutes.resetPassword, ({ actor, params, body }) => resetPassword(deps, actor, params.id, body.password));
}
