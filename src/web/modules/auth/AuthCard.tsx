import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Card, Typography } from "antd";
import type { ReactNode } from "react";
import "./auth.css";

/** The centred card of the pages shown outside the main layout (login, forced password change). */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="yian-auth">
      <div className="yian-auth-brand">
        <SafetyCertificateOutlined />
        <span>医安</span>
      </div>
      <Typography.Paragraph type="secondary" className="yian-auth-tagline">
        卫生健康安全监管平台
      </Typography.Paragraph>
      <Card className="yian-auth-card" title={title}>
        {children}
      </Card>
    </main>
  );
}
