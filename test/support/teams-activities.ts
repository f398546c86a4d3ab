import { postActivity as post, teamsActivities } from '../../adapters/sandbox/teams-activities.js';

/** Ids of the Teams side of the test workspace. */
export const teamsIds = {
  tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  team: '19:team-general@thread.tacv2',
  specialists: '19:specialists@thread.tacv2',
  customerChannel: '19:acme-shared@thread.tacv2',
  bot: '28:tugi-bot-app-id',
  ann: { id: '29:ann-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: 'Ann Specialist' },
  tom: { id: '29:tom-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000b2', name: 'Tom Network' },
  mari: { id: '29:mari-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000d4', name: 'Mari Tamm' },
  liis: { id: '29:liis-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000e5', name: 'Liis Mets' },
  customer: { id: '29:customer-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Customer' },
};

export const {
  channelMessage,
  cardSubmit,
  messageEdited,
  messageDeleted,
  installedInTeam,
  removedFromTeam,
  personalMessage,
  personalSubmit,
  fileConsentAnswer,
} = teamsActivities({ tenant: teamsIds.tenant, team: teamsIds.team, bot: teamsIds.bot });

/** POSTs an activity to tugi's Bot Framework endpoint, as the Bot Connector does; returns the HTTP status. */
export async function postActivity(baseUrl: string, activity: object, authorization?: string): Promise<number> {
  return (await post(baseUrl, activity, authorization)).status;
}
