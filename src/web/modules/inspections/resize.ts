/**
 * Photos are made smaller on the phone before they travel (issue 8: long side at most 1600 px,
 * JPEG): a 12-megapixel photo of 5 MB becomes a few hundred kilobytes, which a weak rural
 * connection can carry, and which is still sharp enough to read a label or a gauge.
 */
import { CAPTURE_TIME_TAGS, captureTimeOfTags, declaredCaptureTimeProblem } from "../../../domain/capture-time";

export const MAX_LONG_SIDE = 1600;
const JPEG_QUALITY = 0.85;

/** The size that keeps the proportions and brings the long side within `max`; never enlarged. */
export function fittedSize(width: number, height: number, max = MAX_LONG_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The photo as a JPEG with its long side within 1600 px, turned upright as the camera meant it. A
 * JPEG already small enough is kept as it is, EXIF and all. A re-encoded photo loses its EXIF, so
 * its capture time is read first (captureTimeOf) and declared with the upload.
 */
export async function resizedPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    const { width, height } = fittedSize(bitmap.width, bitmap.height);
    if (file.type === "image/jpeg" && width === bitmap.width && height === bitmap.height) return file;
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("此浏览器无法处理照片");
    context.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("照片压缩失败，请重新拍摄"))), "image/jpeg", JPEG_QUALITY),
    );
  } finally {
    bitmap.close();
  }
}

/** A JPEG's EXIF is an APP1 segment of at most 64 KB at its very start: reading this much finds it without loading the whole photo. */
const EXIF_HEAD_BYTES = 128 * 1024;

/**
 * When the photo was taken, read from its EXIF before resizedPhoto re-encodes it (which drops
 * EXIF), to be declared with its upload as an ISO time. Undefined when the photo does not say — or
 * says a time after now (a camera clock set wrong), which the server would refuse and which would
 * then hold the whole inspection back in the outbox.
 */
export async function captureTimeOf(file: Blob, now = new Date()): Promise<string | undefined> {
  // Loaded when a photo is first taken, not with the app (the service worker keeps it for offline use).
  const { default: exifr } = await import("exifr");
  const head = await file.slice(0, EXIF_HEAD_BYTES).arrayBuffer();
  // Metadata a camera wrote is not the user's input: an unreadable block means no capture time, not a refused photo.
  const tags = await exifr.parse(head, { pick: CAPTURE_TIME_TAGS, reviveValues: false }).catch(() => undefined);
  const time = captureTimeOfTags(tags);
  return time && !declaredCaptureTimeProblem(time, now) ? time.toISOString() : undefined;
}
