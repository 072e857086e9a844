import type { FieldProblem } from "../../../contracts/validation";

/** An error the client may see: a status, a stable code and a Chinese message (naming the field when there is one). */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every problem found, when there are several (a form with two bad fields). */
    readonly problems?: FieldProblem[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, "BAD_REQUEST", message, field);
/** Input the contract refuses; the first problem is the message, all of them travel along. */
export const invalidInput = (problems: FieldProblem[]) =>
  new AppError(400, "VALIDATION", problems[0]?.message ?? "请求格式不正确", problems[0]?.field, problems.length > 1 ? problems : undefined);
export const unauthorized = (code = "UNAUTHENTICATED", message = "请先登录") => new AppError(401, code, message);
export const forbidden = (message = "没有执行该操作的权限", field?: string) => new AppError(403, "FORBIDDEN", message, field);
/** Also used for records outside the caller's scope, so their existence is not revealed. */
export const notFound = (message = "记录不存在") => new AppError(404, "NOT_FOUND", message);
export const conflict = (message: string, field?: string) => new AppError(409, "CONFLICT", message, field);
