import type { z } from "zod";
import type { Permission } from "../domain/permissions";

/**
 * Who may call a route. Every route declares one; the server checks it in one hook before the
 * handler runs (server/platform/http/request-context.ts) and refuses to start with a route that has none.
 */
export type Access =
  /** Anyone, signed in or not (login, the session state). */
  | { kind: "public" }
  /** Any signed-in user; `beforePasswordChange` also lets in a user who must still replace an initial password. */
  | { kind: "signed-in"; beforePasswordChange?: boolean }
  /** Signed-in users whose role grants the permission. */
  | { kind: "permission"; permission: Permission };

export const PUBLIC: Access = { kind: "public" };
export const SIGNED_IN: Access = { kind: "signed-in" };
export const requires = (permission: Permission): Access => ({ kind: "permission", permission });

/**
 * One endpoint of the API, shared by the server (registration, validation, response whitelist,
 * OpenAPI) and the web app (its typed client): the contract both sides compile against.
 */
export interface RouteContract {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: `/api/${string}`;
  /** Chinese one-liner for the OpenAPI. */
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The JSON answer; "file" for a download, "none" for 204 No Content. */
  response: z.ZodType | "file" | "none";
  /** 201 for a creation; 200 otherwise. */
  status?: 200 | 201;
  /** An idempotent creation's answer when the record already existed (the same request sent again): 200. */
  repeatStatus?: 200;
  /** The body is multipart/form-data with one file in the field "file". */
  upload?: boolean;
  /** The largest file an upload route takes, when not the app's default (app.ts); a larger one is refused naming it. */
  maxUploadBytes?: number;
  /**
   * A body the route accepts, shown in the OpenAPI; the generated scope test sends it with the ids
   * of another side's records. Every route with a body has one (contracts/api.test.ts checks it).
   */
  example?: unknown;
}

export const defineRoute = <const Route extends RouteContract>(route: Route): Route => route;

type Output<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;
type Input<Schema> = Schema extends z.ZodType ? z.input<Schema> : undefined;

export type ParamsOf<Route extends RouteContract> = Output<Route["params"]>;
export type QueryOf<Route extends RouteContract> = Output<Route["query"]>;
export type BodyOf<Route extends RouteContract> = Output<Route["body"]>;
/** What a handler returns: the response schema's input (it is encoded on the way out). */
export type ReplyOf<Route extends RouteContract> = Route["response"] extends z.ZodType ? z.input<Route["response"]> : undefined;
/** What the web client receives. */
export type ResultOf<Route extends RouteContract> = Route["response"] extends z.ZodType ? z.output<Route["response"]> : undefined;

/** What a URL can carry for each key of a query or path schema; the server validates the values. */
type UrlValues<Schema> = Schema extends z.ZodObject ? { [Key in keyof z.input<Schema>]?: string | number | boolean | null } : undefined;

/**
 * What the web client passes: the body as its schema accepts it; path and query as the strings a
 * URL carries (they come from the page's own URL, and the server checks them).
 */
export interface CallInput<Route extends RouteContract> {
  params?: UrlValues<Route["params"]>;
  query?: UrlValues<Route["query"]>;
  body?: Input<Route["body"]>;
}

/** The path with its `:name` parameters filled in. */
export function pathOf(route: Pick<RouteContract, "path">, params: object = {}): string {
  const values = new Map(Object.entries(params));
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(values.get(name) ?? "")));
}
