/** Domain verbs mapped to Slack interaction ids; the manifest and the listeners use these. */
export const actionIds = {
  assignToMe: 'case.assign_me',
  setPriority: 'case.set_priority',
  setStatus: 'case.set_status',
  setTags: 'case.set_tags',
  pullSpecialists: 'case.pull_specialists',
  escalate: 'case.escalate',
  snooze: 'case.snooze',
} as const;

export const shortcutIds = {
  openCase: 'case.open_from_message',
} as const;

export const command = '/tugi';

export const ticketReaction = 'ticket';
