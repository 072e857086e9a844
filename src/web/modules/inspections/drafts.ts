import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { InspectionForm } from "../../../contracts/inspections";
import type { HazardGrade, HazardHandling, MajorHazardPlan } from "../../../domain/hazard-lifecycle";
import type { ItemResult, RecheckResult } from "../../../domain/inspections";

/**
 * Inspections being filled on this device, kept in IndexedDB as they are entered (issue 8: hospital
 * basements and rural clinics have no signal). A draft is keyed by the id the device gave the
 * inspection, holds the form's data as it was fetched (so it reopens offline), and its photos are
 * kept beside it as resized JPEG blobs, each with the id the device gave it; the outbox sends
 * photos then the inspection when the connection returns, and the server makes each of them once.
 */

export interface DraftAnswer {
  result?: ItemResult;
  score?: number;
  note: string;
  photoIds: string[];
  noHazardReason?: string;
}

export interface DraftHazard {
  id: string;
  itemKey: string | null;
  place: string;
  category: string;
  description: string;
  basis: string;
  grade: HazardGrade;
  handling: HazardHandling;
  deadline: string | null;
  responsiblePerson: string;
  responsiblePhone: string;
  /** The "五落实" plan a major hazard needs. */
  majorPlan: MajorHazardPlan | null;
  photoIds: string[];
}

export interface DraftRecheck {
  result?: RecheckResult;
  note: string;
  photoIds: string[];
}

/** Where a draft stands: being filled, waiting to be sent, or refused by the server (its message kept). */
export type DraftState = "editing" | "queued" | "refused";

export interface InspectionDraft {
  id: string;
  /** The user who fills it: another user signing in on the device neither sees nor sends it. */
  userId: string;
  institutionId: string;
  campaignId: string | null;
  form: InspectionForm;
  checklistVersionId: string | null;
  inspectedOn: string;
  startedAt: string;
  place: string;
  inspectors: { name: string; unit: string }[];
  answers: Record<string, DraftAnswer>;
  hazards: DraftHazard[];
  rechecks: Record<string, DraftRecheck>;
  remarks: string;
  onSiteOpinions: string;
  representativeName: string;
  signatureId: string | null;
  acknowledgedAt: string | null;
  issueNotice: boolean;
  state: DraftState;
  /** The server's refusal of the last attempt, shown on the form. */
  refusal: { message: string; field?: string } | null;
  updatedAt: string;
}

/** A photo (or the drawn signature) kept on the device until the server has it. */
export interface DraftPhoto {
  id: string;
  draftId: string;
  fileName: string;
  blob: Blob;
  /** When the photo was taken (ISO), read from its EXIF before it was made smaller; sent with the upload. */
  capturedAt?: string;
  uploaded: boolean;
}

interface DraftDb extends DBSchema {
  drafts: { key: string; value: InspectionDraft; indexes: { byUser: string } };
  photos: { key: string; value: DraftPhoto; indexes: { byDraft: string } };
}

let opened: Promise<IDBPDatabase<DraftDb>> | undefined;

const database = () => {
  opened ??= openDB<DraftDb>("yian-inspections", 1, {
    upgrade(db) {
      db.createObjectStore("drafts", { keyPath: "id" }).createIndex("byUser", "userId");
      db.createObjectStore("photos", { keyPath: "id" }).createIndex("byDraft", "draftId");
    },
  });
  return opened;
};

export async function saveDraft(draft: InspectionDraft): Promise<void> {
  await (await database()).put("drafts", { ...draft, updatedAt: new Date().toISOString() });
}

export async function loadDraft(id: string): Promise<InspectionDraft | undefined> {
  return (await database()).get("drafts", id);
}

/** The user's drafts on this device, the latest first. */
export async function draftsOf(userId: string): Promise<InspectionDraft[]> {
  const drafts = await (await database()).getAllFromIndex("drafts", "byUser", userId);
  return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Forgets a draft and its photos: once the server has the inspection, or when the user discards it. */
export async function deleteDraft(id: string): Promise<void> {
  const db = await database();
  const tx = db.transaction(["drafts", "photos"], "readwrite");
  const photoKeys = await tx.objectStore("photos").index("byDraft").getAllKeys(id);
  await Promise.all([tx.objectStore("drafts").delete(id), ...photoKeys.map((key) => tx.objectStore("photos").delete(key)), tx.done]);
}

export async function savePhoto(photo: DraftPhoto): Promise<void> {
  await (await database()).put("photos", photo);
}

export async function photosOf(draftId: string): Promise<DraftPhoto[]> {
  return (await database()).getAllFromIndex("photos", "byDraft", draftId);
}

export async function markUploaded(id: string): Promise<void> {
  const db = await database();
  const photo = await db.get("photos", id);
  if (photo) await db.put("photos", { ...photo, uploaded: true });
}

export async function deletePhoto(id: string): Promise<void> {
  await (await database()).delete("photos", id);
}
