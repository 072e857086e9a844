/**
 * When a photo was taken (拍摄时间), the evidence of when a hazard was seen on site: read from the
 * EXIF a camera writes, on the server from the uploaded bytes and on the phone before the photo is
 * made smaller (a re-encoded photo loses its EXIF; the phone then declares the time it read).
 */

/** The EXIF tags a capture time is read from, for exifr's `pick`. */
export const CAPTURE_TIME_TAGS = ["DateTimeOriginal", "OffsetTimeOriginal", "CreateDate", "OffsetTime"];

/** EXIF "YYYY:MM:DD HH:MM:SS" with an optional "+08:00" offset. */
const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * The capture time of an EXIF date. EXIF keeps the camera's wall-clock time and only newer
 * phones add its offset (OffsetTimeOriginal); without one it is China time, the one time zone of
 * the photos this system receives — never the server's or the browser's own zone.
 */
export function exifDate(value: unknown, offset: unknown): Date | null {
  const match = typeof value === "string" ? EXIF_DATE.exec(value) : null;
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const zone = typeof offset === "string" && OFFSET.test(offset) ? offset : "+08:00";
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The capture time of the tags exifr read (`reviveValues: false`): when the photo was taken, else when it was made. */
export function captureTimeOfTags(tags: Readonly<Record<string, unknown>> | undefined): Date | null {
  if (!tags) return null;
  return exifDate(tags.DateTimeOriginal, tags.OffsetTimeOriginal) ?? exifDate(tags.CreateDate, tags.OffsetTime);
}

/** How far a phone's clock may run ahead of the server's: phones set their clocks from the network, within seconds. */
export const CAPTURE_CLOCK_SKEW_MS = 10 * 60 * 1000;

/** What is wrong with a capture time a device declares, or nothing: a photo cannot have been taken after now. */
export function declaredCaptureTimeProblem(time: Date, now: Date): string | undefined {
  if (Number.isNaN(time.getTime())) return "不是有效的时间";
  if (time.getTime() > now.getTime() + CAPTURE_CLOCK_SKEW_MS) return "不能晚于当前时间（请检查手机的日期和时间设置）";
  return undefined;
}
