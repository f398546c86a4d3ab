import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './env.js';
import { formatProblems } from './problems.js';
import { workspaceConfigSchema, type WorkspaceConfig } from './workspace.js';

/** Reads the YAML (or JSON, which is YAML too) config file and validates it. */
export async function loadWorkspaceConfig(path: string): Promise<WorkspaceConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  return parseWorkspaceConfig(text, path);
}

export function parseWorkspaceConfig(text: string, origin = 'config'): WorkspaceConfig {
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
  return result.data;
}
