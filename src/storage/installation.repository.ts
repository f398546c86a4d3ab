import type { Models } from './models/index.js';
import type { Sealer } from './sealer.js';

/** What tugi knows of an OAuth installation without opening it. */
export interface InstallationFacts {
  teamId: string;
  teamName: string | null;
  enterpriseId: string | null;
  botUserId: string;
  scopes: string[];
  installerUserId: string;
}

/**
 * Slack installations, one a workspace, their secrets sealed (the whole installation as the OAuth
 * library produced it, tokens included, is stored only encrypted). Reads are cached briefly, since
 * every request is authorised from here; an uninstall clears the cache at once on this replica.
 */
export class InstallationRepository {
  private readonly cache = new Map<string, { at: number; value: { facts: InstallationFacts; secret: unknown } | undefined }>();

  constructor(
    private readonly models: Models,
    private readonly sealer: Sealer,
    /** How long another replica may go on using an installation it read before an uninstall. */
    private readonly cacheMs = 5_000,
  ) {}

  async store(facts: InstallationFacts, secret: unknown, at: Date): Promise<void> {
    const sealed = this.sealer.seal(JSON.stringify(secret));
    const { teamId, ...clear } = facts;
    await this.models.installations.updateOne({ _id: teamId }, { $set: { ...clear, sealed, installedAt: at } }, { upsert: true });
    this.cache.delete(teamId);
  }

  async fetch(teamId: string): Promise<{ facts: InstallationFacts; secret: unknown } | undefined> {
    const cached = this.cache.get(teamId);
    if (cached && Date.now() - cached.at < this.cacheMs) return cached.value;
    const doc = await this.models.installations.findById(teamId).lean();
    const value = doc
      ? {
          facts: { teamId, teamName: doc.teamName ?? null, enterpriseId: doc.enterpriseId ?? null, botUserId: doc.botUserId, scopes: doc.scopes, installerUserId: doc.installerUserId },
          secret: JSON.parse(this.sealer.open(doc.sealed)) as unknown,
        }
      : undefined;
    this.cache.set(teamId, { at: Date.now(), value });
    return value;
  }

  async remove(teamId: string): Promise<boolean> {
    this.cache.delete(teamId);
    const result = await this.models.installations.deleteOne({ _id: teamId });
    return result.deletedCount > 0;
  }

  /** Seals again, under the current key, every installation sealed under a previous one (key rotation). */
  async reseal(): Promise<number> {
    let moved = 0;
    for (const doc of await this.models.installations.find({}, { sealed: 1 }).lean()) {
      if (!this.sealer.isStale(doc.sealed)) continue;
      await this.models.installations.updateOne({ _id: doc._id, sealed: doc.sealed }, { $set: { sealed: this.sealer.seal(this.sealer.open(doc.sealed)) } });
      moved += 1;
    }
    return moved;
  }
}
