import type { UserActor } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { forbidden } from "../../platform/http/errors";
import { type CampaignRow, managesCampaign, requireCampaign } from "../campaigns/queries";

/**
 * The campaigns area's rule for its draws and working groups too: only the authority that made a
 * campaign changes it (draws, groups, publication); the authorities above it read (403 for them).
 */
export function refuseUnlessManager(actor: UserActor, row: CampaignRow, what: string) {
  if (!managesCampaign(actor, row)) throw forbidden(`只有部署该检查工作的部门可以${what}`);
}

/** A campaign through the caller's visibility (404 out of sight), locked, that the caller's authority made (403 otherwise). */
export async function campaignToChange(tx: DbOrTx, actor: UserActor, id: string, what: string): Promise<CampaignRow> {
  const found = await requireCampaign(tx, actor.scope, id, { lock: true });
  refuseUnlessManager(actor, found, what);
  return found;
}
