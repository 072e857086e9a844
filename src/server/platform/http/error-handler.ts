import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { FIELD_LABELS } from "../../../contracts/common";
import { AppError } from "./errors";

/** Chinese name of the field at a validation path ("/beds" → "床位数"). */
export function fieldLabel(path: string): { field: string; label: string } {
  const parts = path.split("/").filter(Boolean);
  const field = parts.join(".");
  const named = [...parts].reverse().find((part) => FIELD_LABELS[part]);
  const label = named ? (FIELD_LABELS[named] as string) : field || "请求";
  const row = parts.find((part) => /^\d+$/.test(part));
  return { field, label: row !== undefined ? `第 ${Number(row) + 1} 项的${label}` : label };
}

const PG_UNIQUE_VIOLATION = "23505";
const PG_CHECK_VIOLATION = "23514";

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const { field, label } = fieldLabel(first?.instancePath ?? "");
      return reply.code(400).send({ error: { code: "VALIDATION", message: `${label}：${first?.message ?? "格式不正确"}`, field } });
    }
    if (error instanceof AppError) {
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, field: error.field } });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return reply.code(500).send({ error: { code: "INTERNAL", message: "服务器内部错误" } });
    }
    if (error.code === PG_UNIQUE_VIOLATION) {
      return reply.code(409).send({ error: { code: "CONFLICT", message: "记录已存在，请勿重复提交" } });
    }
    if (error.code === PG_CHECK_VIOLATION) {
      return reply.code(400).send({ error: { code: "VALIDATION", message: "数据不符合约束条件" } });
    }
    if (error.statusCode && error.statusCode < 500) {
      const message =
        error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
          ? "不支持的请求内容类型"
          : error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || error.code === "FST_REQ_FILE_TOO_LARGE"
            ? "上传内容过大"
            : "请求格式不正确";
      return reply.code(error.statusCode).send({ error: { code: error.code ?? "BAD_REQUEST", message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send({ error: { code: "INTERNAL", message: "服务器内部错误" } });
  });
}
