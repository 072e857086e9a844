import { App, Button, type ButtonProps } from "antd";
import { useState } from "react";
import type { CallInput, RouteContract } from "../../contracts/route";
import { download } from "../app/api";

/** Saves a file a route generates; busy (and deaf to further clicks) until it has arrived, and says why it failed. */
export function DownloadButton<Route extends RouteContract & { response: "file" }>({
  route,
  input = {},
  fileName,
  ...button
}: { route: Route; input?: CallInput<Route>; fileName: string } & Omit<ButtonProps, "loading" | "onClick">) {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const start = async () => {
    setPending(true);
    try {
      await download(route, input, fileName);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setPending(false);
    }
  };
  return <Button {...button} loading={pending} onClick={start} />;
}
