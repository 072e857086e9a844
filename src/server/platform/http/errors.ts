/** An error the client may see: a status, a stable code and a Chinese message (naming the field when there is one). */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, "BAD_REQUEST", message, field);
export const unauthorized = (code = "UNAUTHENTICATED", message = "请先登录") => new AppError(401, code, message);
export const forbidden = (message = "没有执行该操作的权限", field?: string) => new AppError(403, "FORBIDDEN", message, field);
/** Also used for records outside the caller's scope, so their existence is not revealed. */
export const notFound = (message = "记录不存在") => new AppError(404, "NOT_FOUND", message);
export const conflict = (message: string, field?: string) => new AppError(409, "CONFLICT", message, field);
