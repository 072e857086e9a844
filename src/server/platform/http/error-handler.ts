import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import { isResponseSerializationError } from "fastify-type-provider-zod";
import type { ErrorBody } from "../../../contracts/common";
import { SQLSTATE, sqlStateOf } from "../db";
import { AppError } from "./errors";

/** Chinese words for the errors Fastify and its plugins raise themselves, by their code. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "不支持的请求内容类型",
  FST_ERR_CTP_EMPTY_JSON_BODY: "请求体不能为空",
  FST_ERR_CTP_INVALID_JSON_BODY: "请求格式不正确",
  FST_ERR_CTP_BODY_TOO_LARGE: "上传内容过大（上限 10 MB）",
  FST_REQ_FILE_TOO_LARGE: "上传内容过大（上限 10 MB）",
  FST_FILES_LIMIT: "一次只能上传一个文件",
  FST_INVALID_MULTIPART_CONTENT_TYPE: "请以文件上传（multipart/form-data）的方式提交",
  FST_ERR_BAD_URL: "请求地址格式不正确",
  FST_ERR_MAX_PARAM_LENGTH: "请求地址过长",
};

const body = (code: string, message: string, extra: Partial<ErrorBody["error"]> = {}): ErrorBody => ({ error: { code, message, ...extra } });

/** Every error answer in Chinese, in the one shape the web app reads (contracts/common.ts ErrorBody). */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.statusCode).send(body(error.code, error.message, { field: error.field, problems: error.problems }));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return reply.code(500).send(body("INTERNAL", "服务器内部错误"));
    }
    // A race the services did not foresee: two saves of the same key, a value the database's checks refuse.
    if (sqlStateOf(error) === SQLSTATE.uniqueViolation) return reply.code(409).send(body("CONFLICT", "记录已存在，请勿重复提交"));
    if (sqlStateOf(error) === SQLSTATE.checkViolation) return reply.code(400).send(body("VALIDATION", "数据不符合约束条件"));
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send(body(error.code ?? "BAD_REQUEST", FRAMEWORK_MESSAGES[error.code ?? ""] ?? "请求格式不正确"));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send(body("INTERNAL", "服务器内部错误"));
  });
}

/** Errors the router raises before any route runs (a malformed or over-long URL), in Chinese too. */
export const frameworkErrors: NonNullable<FastifyServerOptions["frameworkErrors"]> = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  reply.code(status).send(body(error.code, FRAMEWORK_MESSAGES[error.code] ?? "请求格式不正确"));
};

const CLIENT_ERRORS: Record<string, { status: number; reason: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    message: "请求头过大（可能是本站 Cookie 过多或地址过长），请清除本站 Cookie 后重试",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout", message: "请求超时，请重试" },
};

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL too large, garbage):
 * answered on the socket, in the same JSON shape and in Chinese.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ""] ?? { status: 400, reason: "Bad Request", message: "请求格式不正确" };
  const payload = JSON.stringify(body(error.code ?? "BAD_REQUEST", known.message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
    );
  }
  socket.destroy(error);
}
