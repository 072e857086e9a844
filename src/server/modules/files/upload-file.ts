import { and, eq, isNull } from "drizzle-orm";
import { type AttachmentInfo, FILE_MEDIA_TYPES, type FileMediaType } from "../../../contracts/files";
import { attachment, storedFile } from "../../../db/schema";
import { declaredCaptureTimeProblem } from "../../../domain/capture-time";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Clock } from "../../platform/clock";
import { type DbOrTx, SQLSTATE, sqlStateOf } from "../../platform/db";
import { detectFileType } from "../../platform/files/detect";
import { sha256Of } from "../../platform/files/file-store";
import { analyseImage, type ImageFacts } from "../../platform/files/images";
import { badRequest, conflict } from "../../platform/http/errors";
import { scopePath } from "../../platform/scope";
import { attachmentInfo, findAttachment } from "./attachments";

const TYPE_LABELS = Object.values(FILE_MEDIA_TYPES);
/** "JPEG 照片、PNG 图片或 PDF 文档" */
const ALLOWED = `${TYPE_LABELS.slice(0, -1).join("、")}或 ${TYPE_LABELS.at(-1)}`;

const HEIC_ADVICE =
  "文件：暂不支持 HEIC 格式的照片。请以 JPEG 格式发送：在网页中直接拍照上传，或在手机“设置 → 相机 → 格式”中选择“兼容性最佳”后重拍，或将照片转为 JPEG 后上传";

const NAME_LIMIT = 200;

/** The name as the user will see it on download: no folders, no control characters, not endless. */
export function cleanFileName(name: string, mediaType: FileMediaType): string {
  const cleaned = name
    .replace(/^.*[\\/]/, "")
    .replace(/\p{Cc}/gu, "")
    .trim();
  if (!cleaned) return mediaType === "application/pdf" ? "文件.pdf" : `照片.${mediaType === "image/png" ? "png" : "jpg"}`;
  if (cleaned.length <= NAME_LIMIT) return cleaned;
  const extension = /\.[^.]{1,10}$/.exec(cleaned)?.[0] ?? "";
  return cleaned.slice(0, NAME_LIMIT - extension.length) + extension;
}

/** The type from the content; a refusal (400) names what is accepted and the way round for a phone's HEIC photo. */
function acceptedType(bytes: Buffer): FileMediaType {
  const detected = detectFileType(bytes);
  if (detected === "image/heic") throw badRequest(HEIC_ADVICE, "file");
  if (!detected) throw badRequest(`文件：只能上传 ${ALLOWED}（按文件内容识别，修改扩展名无效）`, "file");
  return detected;
}

async function imageFacts(bytes: Buffer): Promise<ImageFacts> {
  try {
    return await analyseImage(bytes);
  } catch {
    throw badRequest("文件：图片已损坏或无法读取，请重新拍摄或导出后上传", "file");
  }
}

/** The capture time a device declared with its upload (拍摄时间), refused when it is after now. */
export function declaredCaptureTime(clock: Clock, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  const problem = declaredCaptureTimeProblem(time, clock.now());
  if (problem) throw badRequest(`拍摄时间：${problem}`, "capturedAt");
  return time;
}

/**
 * The stored file's row for these bytes: the one there is, or a new one once the bytes (and a
 * photo's thumbnail) are in the store. A photo's capture time is the one in its own EXIF; without
 * one, the time the device declared (read before it re-encoded the photo), also given to a stored
 * photo that had none.
 */
async function keepBytes(
  { db, files }: Pick<AppDeps, "db" | "files">,
  bytes: Buffer,
  sha256: string,
  mediaType: FileMediaType,
  declaredCapturedAt: Date | undefined,
) {
  const isImage = mediaType.startsWith("image/");
  const [stored] = await db.select().from(storedFile).where(eq(storedFile.sha256, sha256));
  if (stored && (await files.has(sha256))) {
    if (stored.capturedAt || !declaredCapturedAt || !isImage) return stored;
    const [dated] = await db
      .update(storedFile)
      .set({ capturedAt: declaredCapturedAt })
      .where(and(eq(storedFile.sha256, sha256), isNull(storedFile.capturedAt)))
      .returning();
    return dated ?? stored;
  }
  const facts = isImage ? await imageFacts(bytes) : null;
  await files.put(bytes);
  if (facts) await files.putThumbnail(sha256, facts.thumbnail);
  const values = {
    sha256,
    mediaType,
    size: bytes.length,
    width: facts?.width ?? null,
    height: facts?.height ?? null,
    capturedAt: facts ? (facts.capturedAt ?? declaredCapturedAt ?? null) : null,
    hasThumbnail: facts !== null,
  };
  // Two uploads of the same bytes at once: both wrote the same file, one row stays.
  await db.insert(storedFile).values(values).onConflictDoNothing();
  return stored ?? { ...values, createdAt: new Date() };
}

/**
 * Keeps an uploaded photo or document: its type is detected from the content, its bytes are
 * stored once by their SHA-256 (with a thumbnail and the capture time for a photo), and an
 * unbound attachment owned by the uploader is recorded with its audit entry. Bytes reach the store
 * before the row that names them, so no row ever points at a missing file.
 *
 * With the id the device gave the file (`clientId`), the attachment takes that id: the same upload
 * sent again — in sequence or at once — answers the attachment made the first time, and an id
 * already taken by other bytes or another user is refused (409) rather than answered.
 */
export async function uploadFile(
  deps: Pick<AppDeps, "db" | "files">,
  actor: UserActor,
  upload: { fileName: string; bytes: Buffer },
  { clientId, capturedAt }: { clientId?: string | undefined; capturedAt?: Date | undefined } = {},
): Promise<AttachmentInfo> {
  const { bytes } = upload;
  const mediaType = acceptedType(bytes);
  const fileName = cleanFileName(upload.fileName, mediaType);
  const sha256 = sha256Of(bytes);
  if (clientId) {
    const earlier = await sameUpload(deps.db, actor, clientId, sha256);
    if (earlier) return earlier;
  }
  const record = (stored: Awaited<ReturnType<typeof keepBytes>>) =>
    deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(attachment)
        .values({ ...(clientId ? { id: clientId } : {}), sha256, fileName, uploadedBy: actor.user.id })
        .onConflictDoNothing({ target: attachment.id })
        .returning();
      // The same id sent at once by a retry: the other request made it; answered below as the earlier upload.
      if (!row) return undefined;
      await writeAudit(tx, actor, {
        action: "file.upload",
        target: { type: "file", id: row.id, path: scopePath(actor.scope), name: fileName },
        detail: { fileName, mediaType, size: bytes.length, sha256, ...(capturedAt ? { declaredCapturedAt: capturedAt.toISOString() } : {}) },
      });
      return attachmentInfo({ ...stored, id: row.id, fileName, purpose: null });
    });
  const stored = await keepBytes(deps, bytes, sha256, mediaType, capturedAt);
  let created: AttachmentInfo | undefined;
  try {
    created = await record(stored);
  } catch (error) {
    // The daily clean-up (discard-unbound.ts) removed these bytes, named by no attachment until this
    // one, between the check above and this row: store them again, once.
    if (sqlStateOf(error) !== SQLSTATE.foreignKeyViolation) throw error;
    created = await record(await keepBytes(deps, bytes, sha256, mediaType, capturedAt));
  }
  if (created) return created;
  const earlier = clientId ? await sameUpload(deps.db, actor, clientId, sha256) : undefined;
  if (!earlier) throw new Error("the attachment insert returned no row");
  return earlier;
}

/** The caller's earlier upload of the same bytes under the device's id; 409 when the id names anything else. */
async function sameUpload(db: DbOrTx, actor: UserActor, clientId: string, sha256: string): Promise<AttachmentInfo | undefined> {
  const found = await findAttachment(db, clientId);
  if (!found) return undefined;
  if (found.uploadedBy !== actor.user.id || found.sha256 !== sha256) throw conflict("文件编号已被其他文件使用，请重新选择照片上传", "clientId");
  return attachmentInfo(found);
}
