import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationRepository } from '../../../src/storage/installation.repository.js';
import type { Clock } from '../../../src/ports/clock.js';

/** Thrown for org-wide (Enterprise Grid) installs: tugi is installed workspace by workspace. */
export class OrgInstallRefusedError extends Error {
  constructor() {
    super('tugi is installed into each workspace of an Enterprise Grid org, not org-wide: choose a workspace on the install page');
  }
}

/**
 * Bolt's installation store over tugi's repository: the installation the OAuth library produced
 * is sealed whole; what tugi needs in clear (team, bot user, scopes, installer) is kept beside it.
 */
export function installationStore(repository: InstallationRepository, clock: Clock): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      if (installation.isEnterpriseInstall || !installation.team) throw new OrgInstallRefusedError();
      if (!installation.bot) throw new Error('the installation carries no bot token (the bot scopes are missing)');
      const facts = {
        teamId: installation.team.id,
        teamName: installation.team.name ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        botUserId: installation.bot.userId,
        scopes: installation.bot.scopes,
        installerUserId: installation.user.id,
      };
      await repository.store(facts, installation, clock.now());
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = query.teamId ? await repository.fetch(query.teamId) : undefined;
      if (!found) throw new Error(`tugi is not installed in workspace ${query.teamId ?? query.enterpriseId ?? '?'}`);
      return found.secret as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await repository.remove(query.teamId);
    },
  };
}
