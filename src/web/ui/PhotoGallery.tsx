import { CameraOutlined, FilePdfOutlined } from "@ant-design/icons";
import { Image, Typography } from "antd";
import { ATTACHMENT_PURPOSES, type AttachmentInfo } from "../../contracts/files";
import { labelOf } from "./enum-options";
import { formatTime } from "./format";
import { fileUrl, thumbnailUrl } from "./photos";

const TILE = 104;

const CAPTION = { display: "block", fontSize: 12, lineHeight: 1.4 } as const;

/**
 * The photos (and documents) of a record or of one step of its timeline: thumbnails that wrap to
 * the width (two or three a row on a phone), each opening the full photo, with arrows between
 * them; a document opens in a new tab. Captions say what each photo shows and when it was taken.
 *
 * Usage: <PhotoGallery photos={hazard.photos} />  or, on a timeline step,
 *        <PhotoGallery photos={event.attachments} showPurpose={false} />
 */
export function PhotoGallery({ photos, showPurpose = true }: { photos: AttachmentInfo[]; showPurpose?: boolean }) {
  if (photos.length === 0) return null;
  const images = photos.filter((photo) => photo.hasThumbnail);
  const documents = photos.filter((photo) => !photo.hasThumbnail);
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
      <Image.PreviewGroup>
        {images.map((photo) => {
          return (
            <figure key={photo.id} style={{ margin: 0, width: TILE }}>
              <Image
                width={TILE}
                height={TILE}
                style={{ objectFit: "cover", borderRadius: 6 }}
                src={thumbnailUrl(photo.id)}
                alt={photo.fileName}
                preview={{ src: fileUrl(photo.id) }}
              />
              {showPurpose && photo.purpose && (
                <Typography.Text type="secondary" style={CAPTION}>
                  {labelOf(ATTACHMENT_PURPOSES, photo.purpose)}
                </Typography.Text>
              )}
              {photo.capturedAt && (
                <Typography.Text type="secondary" style={CAPTION} title="拍摄时间（照片自带）">
                  <CameraOutlined /> {formatTime(photo.capturedAt)}
                </Typography.Text>
              )}
            </figure>
          );
        })}
      </Image.PreviewGroup>
      {documents.map((document) => (
        <a key={document.id} href={fileUrl(document.id)} target="_blank" rel="noreferrer" style={{ width: TILE, textAlign: "center" }}>
          <FilePdfOutlined style={{ fontSize: 40 }} />
          <Typography.Text style={{ display: "block", fontSize: 12 }} ellipsis={{ tooltip: document.fileName }}>
            {document.fileName}
          </Typography.Text>
        </a>
      ))}
    </div>
  );
}
