import { Card } from "antd";
import { useParams } from "react-router";
import { PageTitle } from "../../ui/PageTitle";
import { CampaignDraws } from "./CampaignDraws";
import { CampaignGroups } from "./CampaignGroups";

/**
 * Standalone pages of a campaign's groups and draw, until the campaign's own page mounts
 * CampaignGroups and CampaignDraws in its tabs.
 */
export function CampaignGroupsPage() {
  const { id = "" } = useParams();
  return (
    <>
      <PageTitle title="工作组" />
      <Card>
        <CampaignGroups campaignId={id} />
      </Card>
    </>
  );
}

export function CampaignDrawsPage() {
  const { id = "" } = useParams();
  return (
    <>
      <PageTitle title="随机抽取" />
      <CampaignDraws campaignId={id} />
    </>
  );
}
