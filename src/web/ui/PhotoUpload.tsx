import { PlusOutlined } from "@ant-design/icons";
import { App, Image, Upload, type UploadFile } from "antd";
import { useEffect, useState } from "react";
import { type AttachmentInfo, fileRoutes, MAX_PHOTOS } from "../../contracts/files";
import { upload } from "../app/api";
import { fileUrl, PHOTO_TYPES, photoProblem, thumbnailUrl, uploadedIds } from "./photos";

type PhotoFile = UploadFile<AttachmentInfo>;

/** Photos already in the value (a form opened again): shown by their thumbnails, their id as uid. */
const shownAs = (ids: string[]): PhotoFile[] => ids.map((id) => ({ uid: id, name: "照片", status: "done", url: fileUrl(id), thumbUrl: thumbnailUrl(id) }));

export interface PhotoUploadProps {
  /** Attachment ids (from POST /api/files), as the hazard commands take them in `photoIds`. */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** At most this many photos (as many as a command takes, by default). */
  maxCount?: number;
  /** Open the rear camera straight away on phones instead of offering camera or album. */
  cameraOnly?: boolean;
  disabled?: boolean;
}

/**
 * A form control for photos: each chosen photo is uploaded at once (POST /api/files) and shown
 * as a card with its thumbnail; the value is the list of attachment ids, ready for the command's
 * `photoIds`. On phones the chooser offers the camera (or opens it directly with `cameraOnly`).
 * A photo the server refuses stays on the card list in red with the server's message.
 *
 * Usage, inside an antd Form:
 *   <Form.Item name="photoIds" label="整改后照片" initialValue={[]}>
 *     <PhotoUpload />
 *   </Form.Item>
 */
export function PhotoUpload({ value, onChange, maxCount = MAX_PHOTOS, cameraOnly = false, disabled }: PhotoUploadProps) {
  const { message } = App.useApp();
  // The list also holds photos still uploading or refused, which the value (ids) cannot carry.
  const [files, setFiles] = useState<PhotoFile[]>(() => shownAs(value ?? []));
  const [previewing, setPreviewing] = useState<string | undefined>();
  const wanted = (value ?? []).join();

  // A value set from outside (the form reset, or filled again) replaces the list.
  useEffect(() => {
    setFiles((current) => (uploadedIds(current).join() === wanted ? current : shownAs(wanted ? wanted.split(",") : [])));
  }, [wanted]);

  const update = (next: PhotoFile[]) => {
    setFiles(next);
    const ids = uploadedIds(next);
    if (ids.join() !== wanted) onChange?.(ids);
  };

  return (
    <>
      <Upload<AttachmentInfo>
        listType="picture-card"
        accept={PHOTO_TYPES.join(",")}
        capture={cameraOnly ? "environment" : undefined}
        multiple
        maxCount={maxCount}
        disabled={disabled}
        fileList={files}
        beforeUpload={(file) => {
          const problem = photoProblem(file);
          if (!problem) return true;
          message.error(problem);
          return Upload.LIST_IGNORE;
        }}
        // Through the API client: the CSRF header and the server's Chinese message on refusal.
        customRequest={({ file, onSuccess, onError }) => {
          upload(fileRoutes.upload, file as File).then(
            (info) => onSuccess?.(info),
            (error: Error) => {
              message.error(error.message);
              onError?.(error);
            },
          );
        }}
        onChange={({ fileList }) =>
          update(
            fileList.map((file) =>
              file.status === "done" && file.response ? { ...file, thumbUrl: thumbnailUrl(file.response.id), url: fileUrl(file.response.id) } : file,
            ),
          )
        }
        onPreview={(file) => setPreviewing(file.response ? fileUrl(file.response.id) : file.url)}
      >
        {files.length >= maxCount ? null : (
          <button type="button" style={{ border: 0, background: "none", cursor: "inherit" }}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{cameraOnly ? "拍照" : "拍照或选择"}</div>
          </button>
        )}
      </Upload>
      {previewing && (
        <Image
          style={{ display: "none" }}
          alt="照片预览"
          src={previewing}
          preview={{ open: true, src: previewing, onOpenChange: (open) => !open && setPreviewing(undefined) }}
        />
      )}
    </>
  );
}
