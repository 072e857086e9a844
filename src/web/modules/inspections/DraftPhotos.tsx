import { CameraOutlined, CloseOutlined } from "@ant-design/icons";
import { App, Button, Flex } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { photoProblem } from "../../ui/photos";
import { type DraftPhoto, deletePhoto, photosOf, savePhoto } from "./drafts";
import { captureTimeOf, resizedPhoto } from "./resize";

/**
 * The draft's photos as the page shows them: object URLs of the blobs kept in IndexedDB, whether
 * or not the server has them yet. Adding a photo resizes it and keeps it on the device at once;
 * its id (made here) is what the answer names and what the upload later carries.
 */
export function useDraftPhotos(draftId: string | undefined) {
  const [photos, setPhotos] = useState<Map<string, { url: string; uploaded: boolean }>>(new Map());
  const urls = useRef(new Map<string, string>());

  const show = useCallback((kept: DraftPhoto[]) => {
    const next = new Map<string, { url: string; uploaded: boolean }>();
    for (const photo of kept) {
      const url = urls.current.get(photo.id) ?? URL.createObjectURL(photo.blob);
      urls.current.set(photo.id, url);
      next.set(photo.id, { url, uploaded: photo.uploaded });
    }
    setPhotos(next);
  }, []);

  const reload = useCallback(async () => {
    if (draftId) show(await photosOf(draftId));
  }, [draftId, show]);

  useEffect(() => {
    void reload();
    const kept = urls.current;
    return () => {
      for (const url of kept.values()) URL.revokeObjectURL(url);
      kept.clear();
    };
  }, [reload]);

  const add = async (blob: Blob, fileName: string, capturedAt?: string): Promise<string> => {
    if (!draftId) throw new Error("no draft");
    const id = crypto.randomUUID();
    await savePhoto({ id, draftId, fileName, blob, ...(capturedAt ? { capturedAt } : {}), uploaded: false });
    await reload();
    return id;
  };
  const remove = async (id: string) => {
    await deletePhoto(id);
    await reload();
  };
  return { photos, add, remove, reload };
}

export type DraftPhotos = ReturnType<typeof useDraftPhotos>;

/** The photos of one answer, hazard or re-check: thumbnails from the device, and 拍照 opening the rear camera on a phone. */
export function PhotoField({
  ids,
  photos,
  onChange,
  label = "拍照",
}: {
  ids: string[];
  photos: DraftPhotos;
  onChange: (ids: string[]) => void;
  label?: string;
}) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (files: FileList | null) => {
    if (!files) return;
    setBusy(true);
    const added: string[] = [];
    try {
      for (const file of Array.from(files)) {
        const problem = photoProblem({ name: file.name, type: file.type, size: 0 });
        if (problem) {
          message.error(problem);
          continue;
        }
        // Read before resizing: the re-encoded photo has no EXIF left to read it from.
        const capturedAt = await captureTimeOf(file);
        const resized = await resizedPhoto(file);
        added.push(await photos.add(resized, file.name.replace(/\.[^.]+$/, ".jpg") || "现场照片.jpg", capturedAt));
      }
    } catch (error) {
      message.error((error as Error).message || "照片无法读取，请重新拍摄");
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
    if (added.length > 0) onChange([...ids, ...added]);
  };
  return (
    <Flex wrap gap={8} align="center">
      {ids.map((id) => {
        const photo = photos.photos.get(id);
        return (
          <div key={id} style={{ position: "relative", width: 72, height: 72 }}>
            {photo && <img src={photo.url} alt="现场照片" style={{ width: 72, height: 72, objectFit: "cover", borderRadius: 6 }} />}
            {photo && !photo.uploaded && <span className="yian-unsent-dot" title="尚未发送" />}
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label="删除照片"
              style={{ position: "absolute", top: -6, right: -6 }}
              onClick={() => {
                onChange(ids.filter((other) => other !== id));
                void photos.remove(id);
              }}
            />
          </div>
        );
      })}
      <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input ref={input} type="file" accept="image/jpeg,image/png" multiple hidden aria-label={label} onChange={(event) => void choose(event.target.files)} />
    </Flex>
  );
}
