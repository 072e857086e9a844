import { useEffect } from "react";

const APP_NAME = "医安";

/** The browser tab's title for a page: "机构管理 - 医安", so tabs and history entries tell pages apart. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} - ${APP_NAME}`;
    return () => {
      document.title = APP_NAME;
    };
  }, [title]);
}
