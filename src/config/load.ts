import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './env.js';
import { formatProblems } from './problems.js';
import { workspaceConfigSchema, type WorkspaceConfig } from './workspace.js';

/** Reads the YAML (or JSON, which is YAML too) config file and validates it. */
export async function loadWorkspaceConfig(path: string): Promise<WorkspaceConfig> {
  return (await loadSettingsFile(path)).config;
}

/** A settings file read and validated, with the SHA-256 of its text (to import it once, not at every start). */
export async function loadSettingsFile(path: string): Promise<Settings & { hash: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  return { ...readSettings(text, path), hash: createHash('sha256').update(text).digest('hex') };
}

/** Settings as written (the document stored and exported) and as parsed (what tugi runs on). */
export interface Settings {
  source: Record<string, unknown>;
  config: WorkspaceConfig;
}

export function parseWorkspaceConfig(text: string, origin = 'config'): WorkspaceConfig {
  return readSettings(text, origin).config;
}

/** Reads YAML settings, keeping what was written beside what it means. */
export function readSettings(text: string, origin = 'config'): Settings {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${origin} is not valid YAML: ${(error as Error).message}`);
  }
  const result = workspaceConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`${origin} is not valid:\n${formatProblems(result.error, raw)}`);
  }
  return { source: raw as Record<string, unknown>, config: result.data };
}
