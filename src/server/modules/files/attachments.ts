import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { AttachmentInfo, AttachmentPurpose } from "../../../contracts/files";
import { attachment, storedFile } from "../../../db/schema";
import type { UserActor } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { badRequest } from "../../platform/http/errors";

/** Kinds of record a file can belong to; each has its reader in readable-records.ts. */
export type AttachableKind = "hazard" | "inspection";

const infoColumns = {
  id: attachment.id,
  fileName: attachment.fileName,
  purpose: attachment.purpose,
  eventId: attachment.eventId,
  mediaType: storedFile.mediaType,
  size: storedFile.size,
  width: storedFile.width,
  height: storedFile.height,
  capturedAt: storedFile.capturedAt,
  hasThumbnail: storedFile.hasThumbnail,
};

interface InfoRow extends Omit<AttachmentInfo, "capturedAt"> {
  capturedAt: Date | null;
}

export const attachmentInfo = (row: InfoRow): AttachmentInfo => ({
  id: row.id,
  fileName: row.fileName,
  mediaType: row.mediaType,
  size: row.size,
  width: row.width,
  height: row.height,
  capturedAt: row.capturedAt?.toISOString() ?? null,
  hasThumbnail: row.hasThumbnail,
  purpose: row.purpose,
});

/** An attachment with what deciding its readers and sending it needs. */
export async function findAttachment(db: DbOrTx, id: string) {
  const [found] = await db
    .select({ ...infoColumns, sha256: attachment.sha256, uploadedBy: attachment.uploadedBy, recordKind: attachment.recordKind, recordId: attachment.recordId })
    .from(attachment)
    .innerJoin(storedFile, eq(storedFile.sha256, attachment.sha256))
    .where(eq(attachment.id, id));
  return found;
}

/** The files of one record, oldest first, each with the event it came with. */
export async function attachmentsOf(db: DbOrTx, recordKind: AttachableKind, recordId: string) {
  const rows = await db
    .select(infoColumns)
    .from(attachment)
    .innerJoin(storedFile, eq(storedFile.sha256, attachment.sha256))
    .where(and(eq(attachment.recordKind, recordKind), eq(attachment.recordId, recordId)))
    .orderBy(asc(attachment.uploadedAt), asc(attachment.id));
  return rows.map((row) => ({ eventId: row.eventId, info: attachmentInfo(row) }));
}

/** Where a command's files go: the record, the event of its timeline, and what they show. */
export interface AttachmentTarget {
  recordKind: AttachableKind;
  recordId: string;
  /** The event of the record's timeline it came with; an inspection has no timeline. */
  eventId?: number;
  purpose: AttachmentPurpose;
}

/**
 * Takes the caller's photos for a record in the caller's transaction: each id must name an image
 * the caller uploaded and nobody has used yet (anything else is refused, 400, naming the field —
 * an id is never a way to take someone else's upload). The rows stay locked until the transaction
 * binds them with `bindPhotos`, so two commands cannot take the same photo. Returns the ids, each once.
 */
export async function claimPhotos(tx: DbOrTx, actor: UserActor, ids: readonly string[], field: { name: string; label: string }): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await tx
    .select({ id: attachment.id, mediaType: storedFile.mediaType })
    .from(attachment)
    .innerJoin(storedFile, eq(storedFile.sha256, attachment.sha256))
    .where(and(inArray(attachment.id, unique), eq(attachment.uploadedBy, actor.user.id), isNull(attachment.recordId)))
    .for("update", { of: attachment });
  if (rows.length !== unique.length) {
    throw badRequest(`${field.label}：有照片不存在、已被使用或不是您本人上传的，请重新上传`, field.name);
  }
  if (rows.some((row) => !row.mediaType.startsWith("image/"))) throw badRequest(`${field.label}：只能是照片（JPEG 或 PNG）`, field.name);
  return unique;
}

/** Binds photos taken with `claimPhotos` to their record and event, in the same transaction. */
export async function bindPhotos(tx: DbOrTx, ids: readonly string[], target: AttachmentTarget): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(attachment)
    .set({ recordKind: target.recordKind, recordId: target.recordId, eventId: target.eventId ?? null, purpose: target.purpose })
    .where(and(inArray(attachment.id, [...ids]), isNull(attachment.recordId)));
}

/**
 * Attaches the same photos to a second record, in the caller's transaction: an inspection's photo of
 * a 不符合 item is also the 现场照片 of the hazard it found. Each record gets its own attachment row of
 * the same bytes, so each file is read exactly as its own record is (ADR 12).
 */
export async function copyPhotos(tx: DbOrTx, ids: readonly string[], target: AttachmentTarget): Promise<void> {
  if (ids.length === 0) return;
  const originals = await tx
    .select({ sha256: attachment.sha256, fileName: attachment.fileName, uploadedBy: attachment.uploadedBy, uploadedAt: attachment.uploadedAt })
    .from(attachment)
    .where(inArray(attachment.id, [...ids]))
    .orderBy(asc(attachment.uploadedAt), asc(attachment.id));
  await tx.insert(attachment).values(
    originals.map((original) => ({
      ...original,
      recordKind: target.recordKind,
      recordId: target.recordId,
      eventId: target.eventId ?? null,
      purpose: target.purpose,
    })),
  );
}
