import type { FastifyInstance } from "fastify";
import { fileRoutes } from "../../../contracts/files";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { registerRoute } from "../../platform/http/routes";
import { DISCARD_UNBOUND_UPLOADS_CRON, DISCARD_UNBOUND_UPLOADS_JOB, discardUnboundUploads } from "./discard-unbound";
import { readFile, readThumbnail } from "./read-file";
import { declaredCaptureTime, uploadFile } from "./upload-file";

export function registerFileRoutes(app: FastifyInstance, deps: AppDeps) {
  deps.jobs.work(DISCARD_UNBOUND_UPLOADS_JOB, async () => {
    const discarded = await discardUnboundUploads(deps);
    app.log.info(discarded, `清理未使用的上传文件：${discarded.uploads} 个上传，${discarded.files} 个文件`);
  });
  deps.jobs.schedule(DISCARD_UNBOUND_UPLOADS_JOB, DISCARD_UNBOUND_UPLOADS_CRON);
  registerRoute(app, fileRoutes.upload, async ({ actor, file, query }) => {
    const capturedAt = declaredCaptureTime(deps.clock, query.capturedAt);
    return uploadFile(deps, requireUser(actor), { fileName: file.filename, bytes: await file.toBuffer() }, { clientId: query.clientId, capturedAt });
  });
  registerRoute(app, fileRoutes.content, ({ actor, params }) => readFile(deps, requireUser(actor), params.id));
  registerRoute(app, fileRoutes.thumbnail, ({ actor, params }) => readThumbnail(deps, requireUser(actor), params.id));
}
