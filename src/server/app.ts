import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config";
import { auditRoutes } from "./modules/audit/routes";
import { authRoutes } from "./modules/auth/routes";
import { dashboardRoutes } from "./modules/dashboard/routes";
import { institutionRoutes } from "./modules/institutions/routes";
import { JurisdictionDirectory } from "./modules/jurisdictions/directory";
import { jurisdictionRoutes } from "./modules/jurisdictions/routes";
import { userRoutes } from "./modules/users/routes";
import type { Db } from "./platform/db";
import { registerErrorHandling } from "./platform/http/error-handler";
import { registerRequestContext } from "./platform/http/request-context";

// Validation messages in Chinese; the error handler prefixes the field's Chinese name.
z.config(z.locales.zhCN());

export interface AppOptions {
  config: Config;
  db: Db;
  /** Built web app (dist/web); the API runs without it in tests. */
  webRoot?: string;
}

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export async function buildApp({ config, db, webRoot }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    trustProxy: config.TRUST_PROXY,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: { info: { title: "医安 API", version: "0.1.0" } },
    transform: jsonSchemaTransform,
  });
  registerErrorHandling(app);
  registerRequestContext(app, { db, idleMinutes: config.SESSION_IDLE_MINUTES, secureCookies: config.COOKIE_SECURE });

  const directory = new JurisdictionDirectory();
  authRoutes(app, { db, config });
  jurisdictionRoutes(app, { directory });
  institutionRoutes(app, { db, directory });
  userRoutes(app, { db, directory });
  auditRoutes(app, { db });
  dashboardRoutes(app, { db, directory });
  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

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
