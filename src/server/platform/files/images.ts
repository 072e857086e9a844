import exifr from "exifr";
import sharp from "sharp";

/** Long side of a thumbnail in pixels: sharp on a phone's two-column gallery and a desktop timeline. */
export const THUMBNAIL_SIZE = 320;

export interface ImageFacts {
  /** As the photo is seen, after its EXIF orientation. */
  width: number;
  height: number;
  /** When the photo was taken, from EXIF; null when the file does not say. */
  capturedAt: Date | null;
  /** A JPEG of at most THUMBNAIL_SIZE pixels on its long side, turned upright. */
  thumbnail: Buffer;
}

/** EXIF "YYYY:MM:DD HH:MM:SS" with an optional "+08:00" offset. */
const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * The capture time of an EXIF date. EXIF keeps the camera's wall-clock time and only newer
 * phones add its offset (OffsetTimeOriginal); without one it is China time, the one time zone of
 * the photos this system receives — never the server's own zone.
 */
export function exifDate(value: unknown, offset: unknown): Date | null {
  const match = typeof value === "string" ? EXIF_DATE.exec(value) : null;
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const zone = typeof offset === "string" && OFFSET.test(offset) ? offset : "+08:00";
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

async function captureTime(bytes: Buffer): Promise<Date | null> {
  // Metadata a camera wrote is the sender's input: an unreadable block means no capture time, not a refused photo.
  const tags = await exifr
    .parse(bytes, { pick: ["DateTimeOriginal", "OffsetTimeOriginal", "CreateDate", "OffsetTime"], reviveValues: false })
    .catch(() => undefined);
  if (!tags) return null;
  return exifDate(tags.DateTimeOriginal, tags.OffsetTimeOriginal) ?? exifDate(tags.CreateDate, tags.OffsetTime);
}

/**
 * Decodes a photo with sharp (which fails on a file that is not the image it claims to be),
 * and returns its upright size, its capture time and a thumbnail.
 */
export async function analyseImage(bytes: Buffer): Promise<ImageFacts> {
  const metadata = await sharp(bytes).metadata();
  const thumbnail = await sharp(bytes)
    .autoOrient()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return { width: metadata.autoOrient.width, height: metadata.autoOrient.height, capturedAt: await captureTime(bytes), thumbnail };
}
