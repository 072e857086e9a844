import { z } from "zod";
import { idParamsOf } from "./common";
import { defineRoute, requires, SIGNED_IN } from "./route";
import { labelled } from "./validation";

/** The largest file one upload may carry: a phone photo is 3–8 MB, a scanned PDF rarely more. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_MEGABYTES = MAX_FILE_BYTES / 1024 / 1024;

/** The most photos one record or command carries. */
export const MAX_PHOTOS = 20;

/**
 * What may be uploaded, detected from the content (never the name or the client's type). HEIC
 * photos are refused: the prebuilt sharp cannot decode HEVC, so they could be neither checked nor
 * shown as thumbnails (server/platform/files/detect.ts says so to the user).
 */
export const FILE_MEDIA_TYPES = {
  "image/jpeg": "JPEG 照片",
  "image/png": "PNG 图片",
  "application/pdf": "PDF 文档",
} as const;
export type FileMediaType = keyof typeof FILE_MEDIA_TYPES;

/** What a photo or document shows in the record it belongs to. */
export const ATTACHMENT_PURPOSES = {
  before: "现场照片",
  after: "整改后照片",
  verification: "复查照片",
  document: "文件",
  signature: "签名",
} as const;
export type AttachmentPurpose = keyof typeof ATTACHMENT_PURPOSES;

/** An uploaded file as a record shows it; `purpose` is null until it is bound to a record. */
export const AttachmentInfo = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** When the photo was taken, from its EXIF data. */
  capturedAt: z.string().nullable(),
  hasThumbnail: z.boolean(),
  purpose: z.string().nullable(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

export const FileIdParams = idParamsOf("file", "文件编号");

/**
 * The id the device gave a photo before sending it: a retried upload (the answer lost on a weak
 * connection) with the same id and bytes returns the attachment made the first time, not a second one.
 */
export const UploadQuery = z.object({
  clientId: labelled(z.uuid(), "文件编号（本机生成）").optional(),
  /**
   * When the photo was taken, as the phone read it from the photo's EXIF before making it smaller
   * (which drops EXIF). Kept when the uploaded bytes carry no capture time of their own.
   */
  capturedAt: labelled(z.iso.datetime({ offset: true }), "拍摄时间").optional(),
});

export const fileRoutes = {
  upload: defineRoute({
    method: "POST",
    path: "/api/files",
    summary: "上传照片或文件",
    description: `multipart/form-data，字段 file，一次一个文件，不超过 ${MAX_FILE_MEGABYTES} MB；类型按内容识别：JPEG、PNG 照片或 PDF 文档。上传后仅上传者可见，随隐患等记录提交后，能查看该记录的用户方可查看。带 clientId（设备生成的编号）时，同一编号、同一内容的重复上传返回同一文件；同一编号而内容不同或属于他人时返回 409。照片可带 capturedAt（手机在压缩前从照片 EXIF 读取的拍摄时间，不能晚于当前时间）：文件本身的 EXIF 含拍摄时间时以文件为准。`,
    access: requires("file:upload"),
    query: UploadQuery,
    upload: true,
    maxUploadBytes: MAX_FILE_BYTES,
    response: AttachmentInfo,
    status: 201,
  }),
  content: defineRoute({
    method: "GET",
    path: "/api/files/:id",
    summary: "查看照片或文件原件",
    description: "未提交的文件仅上传者可见；已随记录提交的文件，能查看该记录的用户可见；其他情况均返回 404。",
    access: SIGNED_IN,
    params: FileIdParams,
    response: "file",
  }),
  thumbnail: defineRoute({
    method: "GET",
    path: "/api/files/:id/thumbnail",
    summary: "照片缩略图",
    description: "与原件相同的查看范围；没有缩略图的文件（PDF）返回 404。",
    access: SIGNED_IN,
    params: FileIdParams,
    response: "file",
  }),
};
