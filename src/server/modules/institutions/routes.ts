import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/common";
import {
  ImportPreview,
  ImportResult,
  InstitutionDetail,
  InstitutionFilters,
  InstitutionInput,
  InstitutionListQuery,
  InstitutionPage,
  SaveInstitutionResult,
} from "../../../contracts/institutions";
import { requirePermission } from "../../platform/access";
import type { Db } from "../../platform/db";
import { badRequest, notFound } from "../../platform/http/errors";
import { callerOf } from "../../platform/http/request-context";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { exportInstitutions, importTemplate } from "./export-institutions";
import { confirmImport, previewImport } from "./import-institutions";
import { findInstitution, listInstitutions, toDetail } from "./queries";
import { createInstitution, updateInstitution } from "./save-institution";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
/** The date in the server's time zone (TZ), not UTC: before 08:00 in China, UTC is still yesterday. */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
};

export function institutionRoutes(app: FastifyInstance, deps: { db: Db; directory: JurisdictionDirectory }) {
  const { db, directory } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get("/api/institutions", { schema: { querystring: InstitutionListQuery, response: { 200: InstitutionPage } } }, async (request) => {
    const caller = callerOf(request);
    requirePermission(caller.user, "institution:read");
    return listInstitutions(db, directory, caller.scope, request.query);
  });

  api.get("/api/institutions/export", { schema: { querystring: InstitutionFilters } }, async (request, reply) => {
    const stream = await exportInstitutions(db, directory, callerOf(request), request.query);
    return reply
      .header("content-type", XLSX)
      .header("content-disposition", attachment(`机构名录-${today()}.xlsx`))
      .send(stream);
  });

  api.get("/api/institutions/import-template", {}, async (request, reply) => {
    const stream = await importTemplate(directory, callerOf(request));
    return reply.header("content-type", XLSX).header("content-disposition", attachment("机构导入模板.xlsx")).send(stream);
  });

  api.get("/api/institutions/:id", { schema: { params: IdParams, response: { 200: InstitutionDetail } } }, async (request) => {
    const caller = callerOf(request);
    requirePermission(caller.user, "institution:read");
    const row = await findInstitution(db, directory, caller.scope, request.params.id);
    if (!row) throw notFound("机构不存在");
    return toDetail(directory, row, caller.user.role);
  });

  api.post("/api/institutions", { schema: { body: InstitutionInput, response: { 201: SaveInstitutionResult } } }, async (request, reply) => {
    const result = await createInstitution(db, directory, callerOf(request), request.body);
    return reply.code(201).send(result);
  });

  api.put("/api/institutions/:id", { schema: { params: IdParams, body: InstitutionInput, response: { 200: SaveInstitutionResult } } }, async (request) =>
    updateInstitution(db, directory, callerOf(request), request.params.id, request.body),
  );

  api.post("/api/institutions/imports", { schema: { response: { 200: ImportPreview } } }, async (request) => {
    const caller = callerOf(request);
    const file = await request.file();
    if (!file) throw badRequest("文件：请选择要导入的 Excel 文件", "file");
    if (!file.filename.toLowerCase().endsWith(".xlsx")) throw badRequest("文件：只支持 .xlsx 格式", "file");
    return previewImport(db, directory, caller, file.filename, file.file);
  });

  api.post("/api/institutions/imports/:id/confirm", { schema: { params: IdParams, response: { 200: ImportResult } } }, async (request) =>
    confirmImport(db, directory, callerOf(request), request.params.id),
  );
}
