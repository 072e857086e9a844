import { fileRoutes, MAX_FILE_BYTES, MAX_FILE_MEGABYTES } from "../../contracts/files";
import { pathOf } from "../../contracts/route";

/** The full photo or document; the server answers it only to those who may read its record. */
export const fileUrl = (id: string) => pathOf(fileRoutes.content, { id });
/** The small upright JPEG the server made at upload. */
export const thumbnailUrl = (id: string) => pathOf(fileRoutes.thumbnail, { id });

/** What the file chooser offers: JPEG and PNG only, so iPhones hand over JPEG instead of HEIC (which the server refuses). */
export const PHOTO_TYPES = ["image/jpeg", "image/png"];

/**
 * Why a chosen file would be refused by the server (HEIC, not a photo, too large), said before it
 * is sent over a slow connection; null when it may go. The server checks the content again.
 */
export function photoProblem(file: { name: string; type: string; size: number }): string | null {
  if (/\.hei[cf]$/i.test(file.name) || /hei[cf]/i.test(file.type))
    return `「${file.name}」是 HEIC 格式，请以 JPEG 格式发送（在网页中直接拍照，或将照片转为 JPEG）`;
  if (file.type && !PHOTO_TYPES.includes(file.type)) return `「${file.name}」不是照片：只能上传 JPEG 或 PNG 照片`;
  if (file.size > MAX_FILE_BYTES) return `「${file.name}」超过 ${MAX_FILE_MEGABYTES} MB，请压缩后上传`;
  return null;
}

/** A card of the upload list: a photo uploaded now carries the server's answer, one shown again its id as uid. */
export interface PhotoCard {
  uid: string;
  status?: "error" | "done" | "uploading" | "removed";
  response?: { id: string };
}

/** The attachment ids of the cards whose upload finished, in the order shown. */
export const uploadedIds = (cards: PhotoCard[]) => cards.flatMap((card) => (card.status === "done" ? [card.response?.id ?? card.uid] : []));
