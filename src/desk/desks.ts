import type { SettingsRepository, StoredSettings } from '../settings/settings.repository.js';
import { buildDesk, type Desk, type SharedParts } from './desk.js';

/**
 * Every workspace's desk on this replica, kept in step with the settings in the database: a save
 * here rebuilds its desk at once; saves on other replicas are noticed by `refresh`, which compares
 * each workspace's settings version (run every few seconds; FerretDB has no change streams).
 */
export class Desks {
  private readonly desks = new Map<string, { desk: Desk; version: number }>();

  constructor(
    private readonly settings: SettingsRepository,
    private readonly shared: SharedParts,
    /** Whether a workspace still has tugi installed: the scheduled jobs leave one that uninstalled alone. */
    private readonly installed: (workspace: string) => Promise<boolean> = async () => true,
  ) {}

  /** The desk of a workspace, or undefined when it has no settings yet (installed, not set up). */
  for(workspace: string | undefined): Desk | undefined {
    return workspace ? this.desks.get(workspace)?.desk : undefined;
  }

  /**
   * The desk a Teams tenant belongs to: the workspace whose own tenant it is, or whose customer
   * account it is. With one workspace that names no tenant, every tenant is its (as before tenants
   * were checked); otherwise an unclaimed tenant has no desk. This is the Teams tenant check: an
   * activity is served only by the desk found here.
   */
  forTenant(tenant: string | undefined): Desk | undefined {
    const desks = this.all();
    const claims = (desk: Desk) => tenant !== undefined && (desk.config.teams.tenantId === tenant || desk.directory.accountOfTenant(tenant) !== undefined);
    const open = desks.length === 1 && !desks[0]!.config.teams.tenantId ? desks[0] : undefined;
    return desks.find(claims) ?? open;
  }

  all(): Desk[] {
    return [...this.desks.values()].map((entry) => entry.desk);
  }

  /** Builds the desks whose settings changed since the last look, and drops those removed. */
  async refresh(): Promise<void> {
    const versions = await this.settings.versions();
    for (const [workspace, version] of versions) {
      if (this.desks.get(workspace)?.version === version) continue;
      const stored = await this.settings.get(workspace);
      if (stored) await this.apply(stored);
    }
    for (const workspace of this.desks.keys()) if (!versions.has(workspace)) this.desks.delete(workspace);
  }

  /** Puts freshly saved settings to work on this replica (others follow at their next refresh). */
  async apply(stored: StoredSettings): Promise<Desk> {
    const current = this.desks.get(stored.workspace);
    if (current && current.version >= stored.version) return current.desk;
    const desk = buildDesk(stored.config, this.shared, current?.desk);
    if (!current) await desk.knowledge.refresh();
    this.desks.set(stored.workspace, { desk, version: stored.version });
    if (current) this.shared.logger.info({ workspace: stored.workspace, version: stored.version }, 'settings changed; the desk now uses them');
    return desk;
  }

  /** Runs a job on every installed workspace's desk; one workspace's failure is logged and does not stop the others. */
  async each(job: string, run: (desk: Desk) => Promise<unknown>): Promise<void> {
    for (const desk of this.all()) {
      if (!(await this.installed(desk.workspace).catch(() => true))) continue;
      await run(desk).catch((err: unknown) => this.shared.logger.error({ err, workspace: desk.workspace, job }, 'job failed for a workspace'));
    }
  }
}
