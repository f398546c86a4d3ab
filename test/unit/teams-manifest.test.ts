import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fillManifest, manifestValues, packageTeamsApp } from '../../adapters/teams/package-app.js';

const require = createRequire(import.meta.url);
// CommonJS packages: their classes sit on `default` when imported from ESM.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;
const template = readFileSync('manifests/teams/manifest.json', 'utf8');
const env = { TEAMS_APP_ID: '6f1c2c1e-8d2a-4d8e-9a43-6b1f0c6a1d11', TUGI_PUBLIC_URL: 'https://tugi.example.com/' };

/** The official schema, as shipped in @microsoft/app-manifest, for the version the manifest names. */
function officialSchema(version: string): object {
  const path = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (file: string) => {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};

describe('the Teams app package', () => {
  it('fills the manifest from the environment, and the result is valid against the official schema', () => {
    const manifest = fillManifest(template, manifestValues(env)) as { manifestVersion: string; id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(manifest.id).toBe(env.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(env.TEAMS_APP_ID);
    expect(manifest.validDomains).toEqual(['tugi.example.com']);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(officialSchema(manifest.manifestVersion));
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('the schema check can fail: a manifest with a bad id is refused', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(officialSchema('1.24'));
    expect(validate(fillManifest(template, { ...manifestValues(env), TEAMS_APP_ID: 'not a guid' }))).toBe(false);
  });

  it('says which settings are missing instead of writing a broken package', () => {
    expect(() => manifestValues({ TUGI_PUBLIC_URL: 'http://insecure.example' })).toThrow(/TEAMS_APP_ID: is required[\s\S]*TUGI_PUBLIC_URL: must be the https/);
    expect(() => fillManifest('{"x": "${{NOPE}}"}', {})).toThrow('manifest.json uses ${{NOPE}}, which has no value');
  });

  it('ships icons of the sizes Teams asks for, and zips them with the manifest at the root', async () => {
    expect(pngSize('manifests/teams/color.png')).toEqual({ width: 192, height: 192 });
    expect(pngSize('manifests/teams/outline.png')).toEqual({ width: 32, height: 32 });
    const zipFile = await packageTeamsApp(join(await mkdtemp(join(tmpdir(), 'tugi-teams-')), 'app.zip'), env);
    const zip = await readFile(zipFile);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(zip.includes(Buffer.from(name))).toBe(true);
  });
});
