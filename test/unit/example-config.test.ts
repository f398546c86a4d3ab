import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspaceConfig } from '../../src/config/index.js';

describe('the shipped example config', () => {
  it('is valid', async () => {
    const config = await loadWorkspaceConfig(join(import.meta.dirname, '../../src/config/tugi.config.example.yaml'));
    expect(config.accounts.map((a) => a.id)).toEqual(['acme', 'kalev']);
  });

  it('a missing file gives a clear error', async () => {
    await expect(loadWorkspaceConfig('/nonexistent/tugi.config.yaml')).rejects.toThrow(/Cannot read config file \/nonexistent\/tugi.config.yaml/);
  });
});
