import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

export default defineConfig({
  root: "src/web",
  plugins: [
    react(),
    // The app shell and its self-hosted font load without a connection after the first visit, so an
    // inspection filled in a basement survives a reload (modules/inspections). Registered in main.tsx.
    VitePWA({
      injectRegister: false,
      registerType: "autoUpdate",
      manifest: false,
      workbox: {
        globPatterns: ["**/*.{js,css,html,woff2,svg,png,ico}"],
        // The main bundle and the CJK font files are larger than Workbox's 2 MB default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // A new worker takes over the open pages at once: the page that installed it works offline without a second visit.
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // The session and the form's data — nothing else of the API: the network's answer when there is one, the last one
            // kept when not. The function is copied into the worker as text, so it names nothing outside itself.
            urlPattern: ({ url, request, sameOrigin }) =>
              sameOrigin && request.method === "GET" && /^\/api\/(auth\/session|inspection-forms\/[^/]+)$/.test(url.pathname),
            handler: "NetworkFirst",
            // The name app/offline.ts clears at sign-out.
            options: { cacheName: "yian-offline-api", networkTimeoutSeconds: 10 },
          },
        ],
      },
    }),
  ],
  build: { outDir: "../../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:3000" } },
});
