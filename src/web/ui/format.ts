import dayjs from "dayjs";

/** A timestamp from the API in the browser's time zone, to the minute, or to the second where order within a minute matters. */
export function formatTime(iso: string, precision: "minute" | "second" = "minute"): string {
  return dayjs(iso).format(precision === "second" ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD HH:mm");
}
