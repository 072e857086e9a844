import type { Readable } from "node:stream";
import type { AppDeps } from "../../deps";
import { actorCan, type UserActor } from "../../platform/access";
import { notFound } from "../../platform/http/errors";
import type { FileReply } from "../../platform/http/routes";
import { type AttachableKind, findAttachment } from "./attachments";
import { RECORD_READERS } from "./readable-records";

/** Photos and documents never change under their id: the caller's own browser may keep them a while, no shared cache may. */
const CACHE_CONTROL = "private, max-age=3600";

const NOT_FOUND = "文件不存在";

/**
 * The attachment, when the caller may read it: an unbound upload only by its uploader, a bound
 * one by whoever can read its record. Anything else reads as missing (404, the same answer as
 * for an id that never existed), so an id reveals nothing.
 */
async function readableAttachment(db: AppDeps["db"], actor: UserActor, id: string) {
  const found = await findAttachment(db, id);
  if (!found) throw notFound(NOT_FOUND);
  if (found.recordKind === null || found.recordId === null) {
    if (found.uploadedBy !== actor.user.id) throw notFound(NOT_FOUND);
    return found;
  }
  const reader = RECORD_READERS[found.recordKind as AttachableKind] as (typeof RECORD_READERS)[AttachableKind] | undefined;
  if (!reader || !actorCan(actor, reader.permission) || !(await reader.isVisible(db, actor.scope, found.recordId))) throw notFound(NOT_FOUND);
  return found;
}

const reply = (fileName: string, contentType: string, body: Readable): FileReply => ({
  fileName,
  contentType,
  body,
  inline: true,
  cacheControl: CACHE_CONTROL,
});

export async function readFile({ db, files }: Pick<AppDeps, "db" | "files">, actor: UserActor, id: string): Promise<FileReply> {
  const found = await readableAttachment(db, actor, id);
  return reply(found.fileName, found.mediaType, await files.get(found.sha256));
}

export async function readThumbnail({ db, files }: Pick<AppDeps, "db" | "files">, actor: UserActor, id: string): Promise<FileReply> {
  const found = await readableAttachment(db, actor, id);
  if (!found.hasThumbnail) throw notFound("该文件没有缩略图");
  return reply(`${found.fileName.replace(/\.[^.]*$/, "")}-缩略图.jpg`, "image/jpeg", await files.thumbnail(found.sha256));
}
