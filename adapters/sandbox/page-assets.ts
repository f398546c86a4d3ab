import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface SandboxPage {
  html: string;
  script: string;
  style: string;
}

const pageDir = fileURLToPath(new URL('./page/', import.meta.url));

/** The page, bundled once at start: its TypeScript and Microsoft's Adaptive Cards renderer in one minified script. */
export async function buildSandboxPage(): Promise<SandboxPage> {
  const [html, style, bundle] = await Promise.all([
    readFile(`${pageDir}index.html`, 'utf8'),
    readFile(`${pageDir}app.css`, 'utf8'),
    build({ entryPoints: [`${pageDir}app.ts`], bundle: true, write: false, minify: true, format: 'esm', target: 'es2022', legalComments: 'none', logLevel: 'silent' }),
  ]);
  return { html, style, script: bundle.outputFiles[0]!.text };
}
