import { fileRoutes } from "../../../contracts/files";
import type { InspectionDetail } from "../../../contracts/inspections";
import { inspectionRoutes } from "../../../contracts/inspections";
import { ApiError, call, upload } from "../../app/api";
import { submitBodyOf } from "./draft-body";
import { deleteDraft, draftsOf, type InspectionDraft, loadDraft, markUploaded, photosOf, saveDraft } from "./drafts";

/**
 * Sends the inspections waiting on this device: each draft's photos first (with the ids the device
 * gave them, so a retried upload is the same file), then the inspection (with its own id, so a
 * retried submit is the same record). A lost connection leaves the draft queued, tried again when
 * the browser says it is online and with a growing pause (2 s doubling to 1 min) meanwhile; a
 * refusal (4xx) is kept on the draft for the inspector to correct. Closing the tab loses nothing:
 * the queue is IndexedDB, and the next page of the app that starts the outbox resumes it.
 */

export type OutboxEvent =
  | { kind: "sent"; draftId: string; inspection: InspectionDetail }
  | { kind: "changed"; draftId: string }
  /** A try found no connection (the browser may still believe it is online: a page reloaded offline does). */
  | { kind: "unreachable"; draftId: string };
type Listener = (event: OutboxEvent) => void;

const listeners = new Set<Listener>();
export function onOutbox(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const emit = (event: OutboxEvent) => {
  for (const listener of listeners) listener(event);
};

const FIRST_PAUSE = 2_000;
const LONGEST_PAUSE = 60_000;

let userId: string | null = null;
let running = false;
let pause = FIRST_PAUSE;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Sends one draft; throws the API's error when it is not accepted. */
async function send(draft: InspectionDraft): Promise<InspectionDetail> {
  for (const photo of await photosOf(draft.id)) {
    if (photo.uploaded) continue;
    const file = new File([photo.blob], photo.fileName, { type: photo.blob.type });
    await upload(fileRoutes.upload, file, { query: { clientId: photo.id, ...(photo.capturedAt ? { capturedAt: photo.capturedAt } : {}) } });
    await markUploaded(photo.id);
  }
  const route = draft.form.kind === "self" ? inspectionRoutes.submitSelf : inspectionRoutes.submit;
  return call(route, { body: submitBodyOf(draft) });
}

/** A failure worth trying again later: no connection, or the server unwell (5xx). */
const isTransient = (error: unknown) => !(error instanceof ApiError) || error.status === 0 || error.status >= 500;

/** Tries every queued draft of the user once; schedules the next try while any is left waiting. */
async function drain(): Promise<void> {
  if (running || !userId) return;
  running = true;
  clearTimeout(timer);
  let waiting = false;
  try {
    for (const draft of await draftsOf(userId)) {
      if (draft.state !== "queued") continue;
      if (!navigator.onLine) {
        waiting = true;
        break;
      }
      try {
        const inspection = await send(draft);
        await deleteDraft(draft.id);
        pause = FIRST_PAUSE;
        emit({ kind: "sent", draftId: draft.id, inspection });
      } catch (error) {
        if (isTransient(error)) {
          waiting = true;
          emit({ kind: "unreachable", draftId: draft.id });
          break;
        }
        const refused = error as ApiError;
        const latest = (await loadDraft(draft.id)) ?? draft;
        await saveDraft({ ...latest, state: "refused", refusal: { message: refused.message, field: refused.field } });
        emit({ kind: "changed", draftId: draft.id });
      }
    }
  } finally {
    running = false;
  }
  if (waiting && navigator.onLine) {
    timer = setTimeout(() => void drain(), pause);
    pause = Math.min(pause * 2, LONGEST_PAUSE);
  }
}

const whenOnline = () => {
  pause = FIRST_PAUSE;
  void drain();
};

/** Starts sending the signed-in user's queued drafts now and whenever the connection returns. */
export function startOutbox(forUser: string): () => void {
  userId = forUser;
  window.addEventListener("online", whenOnline);
  void drain();
  return () => {
    window.removeEventListener("online", whenOnline);
    clearTimeout(timer);
    userId = null;
  };
}

/** Queues a finished draft and tries to send it at once. */
export async function queueDraft(draft: InspectionDraft): Promise<void> {
  await saveDraft({ ...draft, state: "queued", refusal: null });
  emit({ kind: "changed", draftId: draft.id });
  pause = FIRST_PAUSE;
  await drain();
}
