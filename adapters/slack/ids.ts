/** Domain verbs mapped to Slack interaction ids; the manifest and the listeners use these. */
export const actionIds = {
  assignToMe: 'case.assign_me',
  setPriority: 'case.set_priority',
  setStatus: 'case.set_status',
  setTags: 'case.set_tags',
  pullSpecialists: 'case.pull_specialists',
  escalate: 'case.escalate',
  snooze: 'case.snooze',
  resolve: 'case.resolve',
  reopen: 'case.reopen',
  // The customer's answers to a resolution summary (and to a reopen prompt).
  answerSolved: 'case.answer_solved',
  answerBroken: 'case.answer_broken',
  /** Followed by the rating, 1 to 5. */
  ratePrefix: 'case.rate_',
  // Drafts from a model provider: a reply to the customer (sent or edited from a private message) and a triage suggestion.
  draftReply: 'case.draft_reply',
  sendReply: 'case.send_reply',
  editReply: 'case.edit_reply',
  acceptSuggestion: 'case.accept_suggestion',
  dismissSuggestion: 'case.dismiss_suggestion',
  /** On a report: the cases behind its numbers, as a CSV file (the value is the period). */
  exportReport: 'report.export_csv',
} as const;

/** The rating buttons' values (their action ids end in them). */
export const ratings = [1, 2, 3, 4, 5] as const;

/** Modals (their callback ids). */
export const viewIds = {
  resolve: 'case.resolve_form',
  reply: 'case.reply_form',
} as const;

export const shortcutIds = {
  openCase: 'case.open_from_message',
} as const;

export const command = '/tugi';

export const ticketReaction = 'ticket';
