import type { FileMediaType } from "../../../contracts/files";

/** What the first bytes of a file say it is: an accepted type, a HEIC photo (refused with its own advice), or unknown. */
export type DetectedType = FileMediaType | "image/heic" | undefined;

/** ISO base media brands of HEIC/HEIF photos (iPhones and many Android phones) in the `ftyp` box. */
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The type from the content's signature (magic bytes), never from the name or the client's
 * Content-Type: JPEG (FF D8 FF), PNG (its 8-byte signature), PDF (`%PDF-`), HEIF (`ftyp` box with a
 * HEIF brand). Images are then decoded by sharp, which refuses a file that only starts right.
 */
export function detectFileType(bytes: Buffer): DetectedType {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (bytes.subarray(4, 8).toString("latin1") === "ftyp" && HEIF_BRANDS.has(bytes.subarray(8, 12).toString("latin1"))) return "image/heic";
  return undefined;
}
