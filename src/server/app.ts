import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { PUBLIC } from "../contracts/route";
import { installChineseMessages } from "../contracts/validation";
import type { Config } from "./config";
import type { AppDeps } from "./deps";
import { registerAuditRoutes } from "./modules/audit/routes";
import { registerAuthRoutes } from "./modules/auth/routes";
import { registerCampaignRoutes } from "./modules/campaigns/routes";
import { registerChecklistRoutes } from "./modules/checklists/routes";
import { registerDashboardRoutes } from "./modules/dashboard/routes";
import { registerDrawRoutes } from "./modules/draws/routes";
import { registerExportJobRoutes } from "./modules/export-jobs/routes";
import { registerFileRoutes } from "./modules/files/routes";
import { registerHazardRoutes } from "./modules/hazards/routes";
import { registerInspectionRoutes } from "./modules/inspections/routes";
import { registerInstitutionRoutes } from "./modules/institutions/routes";
import { JurisdictionDirectory } from "./modules/jurisdictions/directory";
import { registerJurisdictionRoutes } from "./modules/jurisdictions/routes";
import { registerNoticeRoutes } from "./modules/notices/routes";
import { registerNotificationRoutes } from "./modules/notifications/routes";
import { registerSettingsRoutes } from "./modules/settings/routes";
import { registerUserRoutes } from "./modules/users/routes";
import { type Clock, systemClock } from "./platform/clock";
import type { Db } from "./platform/db";
import { diskFileStore, type FileStore, fileStoreRoot } from "./platform/files/file-store";
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from "./platform/http/error-handler";
import { registerRequestContext } from "./platform/http/request-context";
import { validatorCompiler } from "./platform/http/routes";
import { createJobQueue, type JobQueue } from "./platform/jobs";
import { stopPdfWorkers } from "./platform/pdf";

// Every validation message in Chinese, on the server as in the web app (contracts/validation.ts).
z.config(z.locales.zhCN());
installChineseMessages();

export interface AppOptions {
  config: Config;
  db: Db;
  /** Defaults to the system clock; tests pass a fixed one. */
  clock?: Clock;
  directory?: JurisdictionDirectory;
  /** Defaults to the disk under the data directory; tests pass a throwaway folder. */
  files?: FileStore;
  /** Built web app (dist/web); the API runs without it in tests. */
  webRoot?: string;
  /** The background queue; one on `db` by default, started by its first job (the server starts it at once). */
  jobs?: JobQueue;
}

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The zod schemas as OpenAPI, with each route's body example (contracts/route.ts `example`) on its request body. */
const withBodyExamples: typeof jsonSchemaTransform = (input) => {
  const output = jsonSchemaTransform(input);
  const { "x-example": example, ...schema } = (output.schema ?? {}) as Record<string, unknown> & { body?: object };
  if (example !== undefined && schema.body) schema.body = { ...schema.body, examples: [example] };
  return { ...output, schema };
};

/** The composition root of the HTTP app: platform first, then each area's routes with one set of dependencies. */
export async function buildApp({
  config,
  db,
  clock = systemClock,
  directory = new JurisdictionDirectory(),
  files = diskFileStore(fileStoreRoot(config)),
  webRoot,
  jobs = createJobQueue(db),
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    trustProxy: config.TRUST_PROXY,
    frameworkErrors,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "医安 API",
        version: "0.2.0",
        description: "修改类接口（PUT）替换记录的全部可编辑字段：每个字段都必须给出，缺少或为 null 时返回 400 并指明字段。",
      },
    },
    transform: withBodyExamples,
  });
  registerErrorHandling(app);
  registerRequestContext(app, { db, idleMinutes: config.SESSION_IDLE_MINUTES, secureCookies: config.COOKIE_SECURE, positionOf: directory.positionOf });

  const deps: AppDeps = { db, directory, clock, config, files, jobs };
  app.addHook("onClose", () => jobs.stop());
  app.addHook("onClose", () => stopPdfWorkers());
  for (const registerArea of [
    registerAuthRoutes,
    registerJurisdictionRoutes,
    registerInstitutionRoutes,
    registerUserRoutes,
    registerAuditRoutes,
    registerDashboardRoutes,
    registerHazardRoutes,
    registerSettingsRoutes,
    registerNotificationRoutes,
    registerFileRoutes,
    registerNoticeRoutes,
    registerExportJobRoutes,
    registerChecklistRoutes,
    registerDrawRoutes,
    registerCampaignRoutes,
    registerInspectionRoutes,
  ]) {
    registerArea(app, deps);
  }
  app.get("/api/openapi.json", { config: { access: PUBLIC }, schema: { hide: true } }, async () => app.swagger());

  const hasWeb = webRoot !== undefined && existsSync(path.join(webRoot, "index.html"));
  if (hasWeb) await app.register(fastifyStatic, { root: path.resolve(webRoot), wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET" || !hasWeb) {
      return reply.code(404).send({ error: { code: "NOT_FOUND", message: "请求的接口不存在" } });
    }
    // Client-side routes: the web app decides what to show.
    return reply.sendFile("index.html");
  });
  return app;
}
