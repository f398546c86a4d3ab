export { parseEnv, wantsSandbox, ConfigError, type Env } from './env.js';
export { loadWorkspaceConfig, parseWorkspaceConfig } from './load.js';
export * from './workspace.js';
