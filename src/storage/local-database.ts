import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const launcherSource = join(projectRoot, 'src/storage/ferretdb-launcher');
const binDir = join(projectRoot, '.local/bin');

export interface LocalDatabase {
  uri: string;
  /** The server's process (tests pause it to play a database that stops answering). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Builds the FerretDB launcher once (Go, from the module proxy) into an ignored folder.
 * `progress` gets a line while the first build runs, since it takes a minute or two.
 */
export async function ensureLauncherBuilt(progress: (line: string) => void = () => {}): Promise<string> {
  const launcherBinary = await launcherPath();
  try {
    await access(launcherBinary);
    return launcherBinary;
  } catch {
    // not built yet
  }
  await mkdir(dirname(launcherBinary), { recursive: true });
  progress('Building the local database (FerretDB 1.24, SQLite) — first run only, about two minutes…');
  const started = Date.now();
  const tmp = `${launcherBinary}.${process.pid}.tmp`;
  try {
    await promisify(execFile)('go', ['build', '-o', tmp, '.'], { cwd: launcherSource, maxBuffer: 16 << 20 });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`Could not build the local database launcher (is Go installed?):\n${detail}`);
  }
  // Rename is atomic, so two test workers building at once never run a half-written binary.
  await rename(tmp, launcherBinary);
  progress(`Local database built in ${Math.round((Date.now() - started) / 1000)} s.`);
  return launcherBinary;
}

/** The binary is named after a hash of its sources, so a change to the launcher rebuilds it. */
async function launcherPath(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(launcherSource)).filter((file) => file.endsWith('.go') || file === 'go.mod' || file === 'go.sum').sort();
  for (const file of files) hash.update(file).update(await readFile(join(launcherSource, file)));
  return join(binDir, `ferretdb-launcher-${hash.digest('hex').slice(0, 12)}`);
}

/** Starts FerretDB on a free loopback port, keeping its SQLite files in `dataDir`. */
export async function startLocalDatabase(options: {
  dataDir: string;
  port?: number;
  progress?: (line: string) => void;
}): Promise<LocalDatabase> {
  const binary = await ensureLauncherBuilt(options.progress);
  await mkdir(options.dataDir, { recursive: true });
  const child = spawn(binary, ['-data', options.dataDir, '-listen', `127.0.0.1:${options.port ?? 0}`], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const uri = await waitForReady(child);
  return {
    uri,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^ready (\S+)$/.exec(line);
      if (match) resolvePromise(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`Local database exited (code ${code}) before it was ready:\n${stderr}`)));
    child.once('error', reject);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    // Closing stdin is the launcher's shutdown signal; SIGTERM does the same.
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}
