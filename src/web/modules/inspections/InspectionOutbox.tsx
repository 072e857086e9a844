import { useEffect } from "react";
import { useSession } from "../../app/session";
import { startOutbox } from "./outbox";

/** Runs the outbox of inspections filled on this device for the signed-in user, on whatever page of the app is open. */
export function InspectionOutbox() {
  const { user } = useSession();
  const userId = user?.permissions.some((p) => p === "inspection:record" || p === "inspection:self") ? user.id : null;
  useEffect(() => (userId ? startOutbox(userId) : undefined), [userId]);
  return null;
}
