// Self-hosted glyphs: intranet deployments reach no font CDN, and headless browsers have no CJK system font.
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-sans-sc/600.css";
import "./app/global.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { registerServiceWorker } from "./app/offline";

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks #root");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
