import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/common";
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserListQuery, UserPage, UserSummary } from "../../../contracts/users";
import { requirePermission } from "../../platform/access";
import type { Db } from "../../platform/db";
import { callerOf } from "../../platform/http/request-context";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { createUser, resetPassword, updateUser } from "./manage-users";
import { listUsers } from "./queries";

export function userRoutes(app: FastifyInstance, deps: { db: Db; directory: JurisdictionDirectory }) {
  const { db, directory } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get("/api/users", { schema: { querystring: UserListQuery, response: { 200: UserPage } } }, async (request) => {
    const caller = callerOf(request);
    requirePermission(caller.user, "user:manage");
    return listUsers(db, caller.scope, request.query);
  });

  api.post("/api/users", { schema: { body: CreateUserBody, response: { 201: UserSummary } } }, async (request, reply) =>
    reply.code(201).send(await createUser(db, directory, callerOf(request), request.body)),
  );

  api.put("/api/users/:id", { schema: { params: IdParams, body: UpdateUserBody, response: { 200: UserSummary } } }, async (request) =>
    updateUser(db, callerOf(request), request.params.id, request.body),
  );

  api.post("/api/users/:id/reset-password", { schema: { params: IdParams, body: ResetPasswordBody, response: { 200: UserSummary } } }, async (request) =>
    resetPassword(db, callerOf(request), request.params.id, request.body.password),
  );
}
