import { readFile, mkdir } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ZipFile } from 'yazl';

const manifestDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../manifests/teams');
const files = ['manifest.json', 'color.png', 'outline.png'] as const;

const required = (what: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : what) });
const guid = z.uuid(required('must be a GUID'));
/** What the package needs from the environment, checked before anything is written. */
const packageEnv = z.object({
  /** The bot's Microsoft app id: the same TEAMS_APP_ID tugi runs with. */
  TEAMS_APP_ID: guid,
  TEAMS_MANIFEST_ID: guid.optional(),
  TUGI_PUBLIC_URL: z.url(required('must be a URL')).refine((url) => url.startsWith('https://'), 'must be the https:// address Teams reaches tugi at'),
});

/** The values the manifest's `${{NAME}}` placeholders take. */
export function manifestValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const result = packageEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    throw new Error(`Cannot build the Teams app package:\n${result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const { TEAMS_APP_ID, TEAMS_MANIFEST_ID, TUGI_PUBLIC_URL } = result.data;
  const publicUrl = TUGI_PUBLIC_URL.replace(/\/+$/, '');
  return {
    TEAMS_APP_ID,
    // The Teams app and its bot may share one id; a separate one lets you re-register the bot.
    TEAMS_MANIFEST_ID: TEAMS_MANIFEST_ID ?? TEAMS_APP_ID,
    TUGI_PUBLIC_URL: publicUrl,
    TUGI_PUBLIC_HOST: new URL(publicUrl).host,
  };
}

/** The manifest with every placeholder filled; an unknown placeholder is an error, not a silent gap. */
export function fillManifest(template: string, values: Record<string, string>): object {
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest.json uses \${{${name}}}, which has no value`);
    return value;
  });
  return JSON.parse(filled) as object;
}

/** Writes the installable zip (manifest.json and the two icons at its root, as Teams requires). */
export async function packageTeamsApp(outFile: string, env: NodeJS.ProcessEnv): Promise<string> {
  const manifest = fillManifest(await readFile(join(manifestDir, 'manifest.json'), 'utf8'), manifestValues(env));
  await mkdir(dirname(outFile), { recursive: true });
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
  for (const file of files.slice(1)) zip.addBuffer(await readFile(join(manifestDir, file)), file);
  zip.end();
  await new Promise<void>((done, fail) => {
    zip.outputStream.pipe(createWriteStream(outFile)).on('close', done).on('error', fail);
  });
  return outFile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outFile = resolve(process.argv[2] ?? '.local/teams/tugi-teams-app.zip');
  console.log('Building the Teams app package from manifests/teams …');
  packageTeamsApp(outFile, process.env).then(
    (file) => console.log(`Wrote ${file}\nUpload it in Teams: Apps → Manage your apps → Upload an app (or the Teams developer portal).`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
