import { Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { usePageTitle } from "./use-page-title";

/** A page's heading with its actions (which wrap under it on a narrow screen); it also names the browser tab. */
export function PageTitle({ title, actions, tabTitle }: { title: ReactNode; actions?: ReactNode; tabTitle?: string }) {
  usePageTitle(tabTitle ?? (typeof title === "string" ? title : undefined));
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0, minWidth: 0, overflowWrap: "anywhere" }}>
        {title}
      </Typography.Title>
      {actions && (
        <Flex wrap gap={8}>
          {actions}
        </Flex>
      )}
    </Flex>
  );
}
