import type { Readable } from "node:stream";
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from "fastify";
import type { z } from "zod";
import type { BodyOf, ParamsOf, QueryOf, ReplyOf, RouteContract } from "../../../contracts/route";
import { checkInput } from "../../../contracts/validation";
import type { UserActor } from "../access";
import { badRequest, invalidInput } from "./errors";
import { actorOf } from "./request-context";

/**
 * Fastify's validator for every request part: the contract's rules (contracts/validation.ts),
 * so every string of every route is checked for unstorable text and problems are worded in Chinese.
 */
export const validatorCompiler =
  ({ schema }: { schema: z.ZodType }) =>
  (data: unknown) => {
    const checked = checkInput(schema, data);
    return checked.success ? { value: checked.data } : { error: invalidInput(checked.problems) };
  };

/** A file the route sends: its download name, type and content. */
export interface FileReply {
  fileName: string;
  contentType: string;
  body: Readable | Buffer;
  /** Shown by the browser (a photo, a PDF) rather than saved. */
  inline?: boolean;
  /** Replaces the API's `no-store` (request-context.ts): a stored file that never changes may be kept by the caller's browser. */
  cacheControl?: string;
}

type HandlerResult<Route extends RouteContract> = Route["response"] extends "file" ? FileReply : Route["response"] extends "none" ? undefined : ReplyOf<Route>;

export interface RouteInput<Route extends RouteContract> {
  params: ParamsOf<Route>;
  query: QueryOf<Route>;
  body: BodyOf<Route>;
  /** The signed-in caller; null only on public routes without a session. */
  actor: Route["access"] extends { kind: "public" } ? UserActor | null : UserActor;
  /** The uploaded file of an upload route. */
  file: Route["upload"] extends true ? MultipartFile : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Answers with the route's repeatStatus: the request repeated an earlier creation, which is returned as it is. */
  repeated(): void;
}

/** RFC 5987 ext-value: encodeURIComponent leaves ' ( ) * as they are, which the header's syntax does not allow. */
const extValue = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const disposition = (name: string, inline = false) => `${inline ? "inline" : "attachment"}; filename*=UTF-8''${extValue(name)}`;

/** Multipart's own refusal of a file over the limit, raised while the handler reads it. */
const FILE_TOO_LARGE = "FST_REQ_FILE_TOO_LARGE";

/**
 * Registers a route from its contract: its schemas validate the request and whitelist the
 * response, its access is checked before the handler (request-context.ts), and the handler gets
 * typed input and the caller as an actor; it never deals with HTTP details it does not need.
 */
export function registerRoute<Route extends RouteContract>(
  app: FastifyInstance,
  route: Route,
  handler: (input: RouteInput<Route>) => Promise<HandlerResult<Route>>,
): void {
  const status = route.status ?? (route.response === "none" ? 204 : 200);
  const schema: FastifySchema & Record<string, unknown> = {
    summary: route.summary,
    // Vendor extensions of the OpenAPI operation: who may call it, and a body it accepts.
    "x-access": route.access,
    ...(route.example === undefined ? {} : { "x-example": route.example }),
    ...(route.description ? { description: route.description } : {}),
    ...(route.params ? { params: route.params } : {}),
    ...(route.query ? { querystring: route.query } : {}),
    ...(route.body ? { body: route.body } : {}),
    // multipart bodies are read by the handler, not validated as JSON: the OpenAPI says so here.
    ...(route.upload ? { "x-upload": "multipart/form-data; file" } : {}),
    ...(typeof route.response === "object"
      ? { response: { [status]: route.response, ...(route.repeatStatus ? { [route.repeatStatus]: route.response } : {}) } }
      : {}),
  };
  app.route({
    method: route.method,
    url: route.path,
    schema,
    config: { access: route.access },
    handler: async (request, reply) => {
      const file = route.upload ? await request.file(route.maxUploadBytes ? { limits: { fileSize: route.maxUploadBytes } } : undefined) : undefined;
      if (route.upload && !file) throw badRequest("文件：请选择要上传的文件", "file");
      let answered = status;
      // Fastify has validated params, query and body against the route's own schemas: their types are the contract's.
      const input = {
        params: request.params,
        query: request.query,
        body: request.body,
        actor: route.access.kind === "public" ? request.ctx.actor : actorOf(request),
        file,
        request,
        reply,
        repeated: () => {
          answered = route.repeatStatus ?? status;
        },
      } as unknown as RouteInput<Route>;
      const result = await handler(input).catch((error: unknown) => {
        if (route.maxUploadBytes && (error as { code?: string }).code === FILE_TOO_LARGE) {
          throw badRequest(`文件：大小不能超过 ${route.maxUploadBytes / 1024 / 1024} MB`, "file");
        }
        throw error;
      });
      if (route.response === "none") return reply.code(204).send();
      if (route.response === "file") {
        const { fileName, contentType, body, inline, cacheControl } = result as FileReply;
        if (cacheControl) reply.header("cache-control", cacheControl);
        // The declared type is the one to use: a browser must not guess another from the bytes.
        return reply
          .header("content-type", contentType)
          .header("content-disposition", disposition(fileName, inline))
          .header("x-content-type-options", "nosniff")
          .send(body);
      }
      return reply.code(answered).send(result);
    },
  });
}
