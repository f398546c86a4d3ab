export { parseEnv, wantsSandbox, ConfigError, type Env } from './env.js';
export { loadSettingsFile, loadWorkspaceConfig, parseWorkspaceConfig, readSettings, type Settings } from './load.js';
export * from './workspace.js';
