import { z } from "zod";
import { ErrorBody } from "../../contracts/common";
import { type CallInput, pathOf, type RouteContract } from "../../contracts/route";

/** A refused or failed request, carrying the server's Chinese message and the field it concerns. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every bad field, when the server found several. */
    readonly problems: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Failures that end what the user is doing and send them to the login or change-password page. */
type AuthFailure = "unauthenticated" | "session_expired" | "password_change_required";

let authFailureHandler: (failure: AuthFailure) => void = () => {};

/** The session provider listens here, so every request (query, mutation or download) reacts alike. */
export function onAuthFailure(handler: (failure: AuthFailure) => void): void {
  authFailureHandler = handler;
}

function authFailureOf(error: ApiError): AuthFailure | null {
  if (error.status === 401 && error.code === "SESSION_EXPIRED") return "session_expired";
  if (error.status === 401 && error.code === "UNAUTHENTICATED") return "unauthenticated";
  if (error.status === 403 && error.code === "PASSWORD_CHANGE_REQUIRED") return "password_change_required";
  return null;
}

const CSRF_COOKIE = "yian_csrf";

/**
 * The server checks the header against this cookie (double submit), so the cookie is the token
 * to send: it also follows a login made in another tab, where a remembered copy would go stale.
 */
function csrfToken(): string {
  const prefix = `${CSRF_COOKIE}=`;
  const cookie = document.cookie.split("; ").find((part) => part.startsWith(prefix));
  return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : "";
}

export type QueryValue = string | number | boolean | null | undefined;

/** `path?a=1&b=2`, leaving out empty values so the server applies its defaults. */
export function withQuery(path: string, query: object = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  if (parsed.success) {
    const { code, message, field, problems } = parsed.data.error;
    return new ApiError(response.status, code, message, field, problems);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, `服务器出错（HTTP ${response.status}），请稍后重试`);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const method = init.method ?? "GET";
  const headers = new Headers(init.headers);
  if (method !== "GET") headers.set("x-csrf-token", csrfToken());
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "NETWORK", "无法连接服务器，请检查网络后重试");
  }
  if (response.ok) return response;
  const error = await errorOf(response);
  const failure = authFailureOf(error);
  if (failure) authFailureHandler(failure);
  throw error;
}

const urlOf = <Route extends RouteContract>(route: Route, input: CallInput<Route>) => withQuery(pathOf(route, input.params ?? {}), input.query ?? {});

type JsonRoute<Schema extends z.ZodType> = RouteContract & { response: Schema };

/** The answer checked against the route's response schema: what the page gets is what the contract says. */
async function answerOf<Schema extends z.ZodType>(schema: Schema, response: Response): Promise<z.output<Schema>> {
  const parsed = z.safeParse(schema, await response.json());
  if (!parsed.success) throw new ApiError(response.status, "UNEXPECTED_RESPONSE", "服务器的回答与接口约定不符，请刷新页面后重试");
  return parsed.data;
}

/** Calls a route of the API contract (contracts/*.ts): path, query and body typed by its schemas. */
export async function call<Schema extends z.ZodType, Route extends JsonRoute<Schema>>(
  route: Route & JsonRoute<Schema>,
  input: CallInput<Route> = {},
): Promise<z.output<Schema>> {
  const init: RequestInit = { method: route.method };
  if (input.body !== undefined) {
    init.body = JSON.stringify(input.body);
    init.headers = { "content-type": "application/json" };
  }
  return answerOf(route.response, await send(urlOf(route, input), init));
}

/** Calls a route that answers with no content (204). */
export async function callForNothing<Route extends RouteContract & { response: "none" }>(route: Route, input: CallInput<Route> = {}): Promise<void> {
  await send(urlOf(route, input), { method: route.method });
}

/** Uploads one file to a route that takes one (multipart, field "file"). */
export async function upload<Schema extends z.ZodType, Route extends JsonRoute<Schema> & { upload: true }>(
  route: Route & JsonRoute<Schema>,
  file: File,
  input: CallInput<Route> = {},
): Promise<z.output<Schema>> {
  const body = new FormData();
  body.append("file", file);
  return answerOf(route.response, await send(urlOf(route, input), { method: route.method, body }));
}

/** File name from `content-disposition: attachment; filename*=UTF-8''…` (the server encodes Chinese names so). */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

/**
 * Saves a file a route generates. Fetched rather than navigated to, so a refusal shows its
 * message on the page instead of replacing the app with raw JSON.
 */
export async function download<Route extends RouteContract & { response: "file" }>(route: Route, input: CallInput<Route>, fallbackName: string): Promise<void> {
  const response = await send(urlOf(route, input), { method: route.method });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
