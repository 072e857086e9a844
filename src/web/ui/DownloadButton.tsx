import { App, Button, type ButtonProps } from "antd";
import { useState } from "react";
import { download } from "../app/api";

/** Saves a file the API generates; busy (and deaf to further clicks) until it has arrived, and says why it failed. */
export function DownloadButton({ path, fileName, ...button }: { path: string; fileName: string } & Omit<ButtonProps, "loading" | "onClick">) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const start = async () => {
    setPending(true);
    try {
      await download(path, fileName);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setPending(false);
    }
  };
  return <Button {...button} loading={pending} onClick={start} />;
}
