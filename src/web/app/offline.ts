/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from "virtual:pwa-register";

/**
 * The service worker (vite.config.ts, vite-plugin-pwa) keeps the app shell, its font, and the last
 * answers of the session and of the inspection forms, so a page of the app opens without a
 * connection and an inspection being filled offline survives a reload.
 */
export const OFFLINE_API_CACHE = "yian-offline-api";

/** Registers the service worker once the page has loaded (a built app only: the dev server serves none). */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || import.meta.env.DEV) return;
  // The first visit's session answer went past the worker, not yet in control: asked again, so the worker keeps a copy.
  navigator.serviceWorker.addEventListener("controllerchange", () => void fetch("/api/auth/session", { credentials: "same-origin" }).catch(() => {}));
  registerSW({ immediate: true });
}

/** Forgets the API answers kept for offline use: at sign-out, so the next user of the device finds none of them. */
export async function clearOfflineCaches(): Promise<void> {
  if ("caches" in window) await caches.delete(OFFLINE_API_CACHE);
}
