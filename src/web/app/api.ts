import { ErrorBody } from "../../contracts/common";

/** A refused or failed request, carrying the server's Chinese message and the field it concerns. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
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
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.field);
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

/** JSON request to the API; a FormData body goes as multipart (file upload). */
export async function api<T>(path: string, options: { method?: "GET" | "POST" | "PUT"; body?: unknown } = {}): Promise<T> {
  const { method = "GET", body } = options;
  const init: RequestInit = { method };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  const response = await send(path, init);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** File name from `content-disposition: attachment; filename*=UTF-8''…` (the server encodes Chinese names so). */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

/**
 * Saves a file the API generates. Fetched rather than navigated to, so a refusal shows its
 * message on the page instead of replacing the app with raw JSON.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await send(path, { method: "GET" });
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
