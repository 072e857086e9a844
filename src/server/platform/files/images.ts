import exifr from "exifr";
import sharp from "sharp";
import { CAPTURE_TIME_TAGS, captureTimeOfTags } from "../../../domain/capture-time";

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

async function captureTime(bytes: Buffer): Promise<Date | null> {
  // Metadata a camera wrote is the sender's input: an unreadable block means no capture time, not a refused photo.
  const tags = await exifr.parse(bytes, { pick: CAPTURE_TIME_TAGS, reviveValues: false }).catch(() => undefined);
  return captureTimeOfTags(tags);
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
