import { and, eq, inArray, isNull, lt, notExists, sql } from "drizzle-orm";
import { appUser, attachment, storedFile } from "../../../db/schema";
import type { AppDeps } from "../../deps";
import { systemActor } from "../../platform/access";
import { writeAuditMany } from "../../platform/audit";

/** An upload still bound to no record this long after it was sent belongs to a form never submitted. */
export const UNBOUND_UPLOAD_LIFETIME_HOURS = 24;

/** The daily clean-up's job: run by pg-boss at 03:30 China time, once per slot across server processes. */
export const DISCARD_UNBOUND_UPLOADS_JOB = "discard-unbound-uploads";
export const DISCARD_UNBOUND_UPLOADS_CRON = "30 3 * * *";

/**
 * Removes the uploads that were never bound to a record within UNBOUND_UPLOAD_LIFETIME_HOURS
 * (each with its audit record, by the system), then the stored files that no attachment names any
 * more — rows, bytes and thumbnails. Files are kept once per SHA-256 and an attachment row is one
 * upload, so bytes that a bound attachment (or a newer upload) also names stay. Answers how many
 * uploads and files went.
 */
export async function discardUnboundUploads({ db, files }: Pick<AppDeps, "db" | "files">): Promise<{ uploads: number; files: number }> {
  const discarded = await db.transaction(async (tx) => {
    // The condition is checked again on the row itself: a command binding this photo right now holds
    // it locked (claimPhotos), so the delete waits for it, then finds it bound and leaves it; a
    // command coming after the delete finds no photo and asks for it again.
    const rows = await tx
      .delete(attachment)
      .where(and(isNull(attachment.recordId), lt(attachment.uploadedAt, sql`now() - make_interval(hours => ${UNBOUND_UPLOAD_LIFETIME_HOURS})`)))
      .returning({
        id: attachment.id,
        sha256: attachment.sha256,
        fileName: attachment.fileName,
        uploadedBy: attachment.uploadedBy,
        uploadedAt: attachment.uploadedAt,
      });
    if (rows.length === 0) return rows;
    const uploaders = await tx
      .select({ id: appUser.id, path: appUser.jurisdictionPath })
      .from(appUser)
      .where(inArray(appUser.id, [...new Set(rows.map((row) => row.uploadedBy))]));
    const pathOf = new Map(uploaders.map((uploader) => [uploader.id, uploader.path]));
    await writeAuditMany(
      tx,
      systemActor("file-cleanup"),
      rows.map((row) => ({
        action: "file.discard" as const,
        // Where the upload was audited: the uploader's jurisdiction (or institution's county).
        target: { type: "file" as const, id: row.id, path: pathOf.get(row.uploadedBy) ?? null, name: row.fileName },
        detail: { fileName: row.fileName, sha256: row.sha256, uploadedAt: row.uploadedAt.toISOString() },
      })),
    );
    return rows;
  });
  const removedFiles = await removeUnnamedFiles({ db, files }, [...new Set(discarded.map((row) => row.sha256))]);
  return { uploads: discarded.length, files: removedFiles };
}

/**
 * Of the given files, removes those no attachment names: their rows are locked (one an upload is
 * naming at this moment is locked by its insert, skipped, and stays), checked again in a statement
 * of its own (an attachment committed just before the lock), and their bytes removed before the
 * commit. While the rows are locked no attachment can name them: its foreign key waits, then fails
 * on the deleted row, and the upload stores the bytes afresh (upload-file.ts).
 */
async function removeUnnamedFiles({ db, files }: Pick<AppDeps, "db" | "files">, hashes: string[]): Promise<number> {
  if (hashes.length === 0) return 0;
  const unnamed = () => notExists(db.select({ one: sql`1` }).from(attachment).where(eq(attachment.sha256, storedFile.sha256)));
  return db.transaction(async (tx) => {
    const locked = await tx
      .select({ sha256: storedFile.sha256 })
      .from(storedFile)
      .where(and(inArray(storedFile.sha256, hashes), unnamed()))
      .for("update", { skipLocked: true });
    if (locked.length === 0) return 0;
    const removed = await tx
      .delete(storedFile)
      .where(
        and(
          inArray(
            storedFile.sha256,
            locked.map((row) => row.sha256),
          ),
          unnamed(),
        ),
      )
      .returning({ sha256: storedFile.sha256 });
    for (const { sha256 } of removed) await files.remove(sha256);
    return removed.length;
  });
}
