import sharp from "sharp";
import { type Agent, multipartFile } from "./harness";

export interface TestPhotoOptions {
  width?: number;
  height?: number;
  format?: "jpeg" | "png";
  /** EXIF DateTimeOriginal, "YYYY:MM:DD HH:MM:SS" (camera wall-clock time). */
  takenAt?: string;
  /** EXIF orientation: 6 is a phone held upright, stored sideways. */
  orientation?: number;
  /** Written into EXIF ImageDescription, so the photo's bytes carry it. */
  description?: string;
  /** Background colour: different colours give different bytes. */
  colour?: string;
}

/** A real photo made with sharp, with the EXIF a phone writes when asked. */
export async function testPhoto(options: TestPhotoOptions = {}): Promise<Buffer> {
  const { width = 640, height = 480, format = "jpeg", takenAt, orientation, description, colour = "#3a6" } = options;
  let image = sharp({ create: { width, height, channels: 3, background: colour } });
  image = format === "png" ? image.png() : image.jpeg();
  if (orientation) image = image.withMetadata({ orientation });
  const exif = { ...(description ? { IFD0: { ImageDescription: description } } : {}), ...(takenAt ? { IFD2: { DateTimeOriginal: takenAt } } : {}) };
  if (Object.keys(exif).length > 0) image = image.withExifMerge(exif);
  return image.toBuffer();
}

/** Uploads one file as the web app does (POST /api/files, multipart). */
export function uploadTestFile(agent: Agent, fileName: string, content: Buffer) {
  const { body, headers } = multipartFile("file", fileName, content);
  return agent.request("POST", "/api/files", { body, headers });
}

/** Uploads a photo and returns its attachment id, failing the test when the upload is refused. */
export async function uploadTestPhoto(agent: Agent, fileName = "现场照片.jpg", options: TestPhotoOptions = {}): Promise<string> {
  const response = await uploadTestFile(agent, fileName, await testPhoto(options));
  if (response.statusCode !== 201) throw new Error(`photo upload refused: ${response.body}`);
  return response.json().id;
}
