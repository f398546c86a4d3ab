/** Callback and action ids of the setup modal, its forms and the App Home tab. */
export const setupIds = {
  mainView: 'setup.main',
  accountView: 'setup.account',
  personView: 'setup.person',
  skillView: 'setup.skill',
  teamsView: 'setup.teams',
  open: 'setup.open',
  join: 'setup.join',
  addAccount: 'setup.account.add',
  editAccount: 'setup.account.edit',
  addPerson: 'setup.person.add',
  editPerson: 'setup.person.edit',
  addSkill: 'setup.skill.add',
  editSkill: 'setup.skill.edit',
  editTeams: 'setup.teams.edit',
  triageBlock: 'triage',
  managerBlock: 'manager',
  removeBlock: 'remove',
  pick: 'pick',
  value: 'value',
} as const;

/** The buttons, each answered by a listener (the manifest test checks the list). */
export const setupActionIds = [
  setupIds.open,
  setupIds.join,
  setupIds.addAccount,
  setupIds.editAccount,
  setupIds.addPerson,
  setupIds.editPerson,
  setupIds.addSkill,
  setupIds.editSkill,
  setupIds.editTeams,
] as const;
