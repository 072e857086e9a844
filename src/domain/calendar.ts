/**
 * Calendar days in China. Deadlines (整改时限), "today" in file names and overdue checks follow the
 * Asia/Shanghai calendar whatever the server's time zone: before 08:00 in China, UTC is still yesterday.
 */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: CHINA_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export const chinaDay = (instant: Date): string => dayFormat.format(instant);

const minuteFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: CHINA_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant as people in China read it on a printout: "2026-12-02 18:30". */
export const chinaMinute = (instant: Date): string => minuteFormat.format(instant).replace(", ", " ");
