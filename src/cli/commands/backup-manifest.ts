import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TableDigest } from '../../storage/index.ts';

/**
 * What `dateline backup FILE` writes beside FILE: FILE.manifest.json, and
 * the media files in FILE.media/. Restore checks FILE against it before it
 * touches anything, and the restored database against it after.
 */
export interface Manifest {
  format: 'dateline-backup/1';
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  /** Newest migration applied in the backed-up database. */
  schemaVersion: string | null;
  database: { file: string; bytes: number; sha256: string };
  tables: Record<string, TableDigest>;
  media: MediaEntry[];
}

export interface MediaEntry {
  /** Relative to the media folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export const manifestPath = (file: string) => `${file}.manifest.json`;
export const mediaPath = (file: string) => `${file}.media`;

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function* walk(root: string, rel = ''): Generator<string> {
  const dir = path.join(root, rel);
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walk(root, child);
    // Half-written uploads (.name.tmp) are not media yet.
    else if (e.isFile() && !e.name.startsWith('.')) yield child;
  }
}

/** Copies every media file into `to` (a hard link when the same disk allows) and lists it with its hash. */
export async function copyMedia(from: string, to: string): Promise<MediaEntry[]> {
  const out: MediaEntry[] = [];
  for (const rel of walk(from)) {
    const src = path.join(from, rel);
    const dst = path.join(to, rel);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.rmSync(dst, { force: true });
    try {
      fs.linkSync(src, dst);
    } catch {
      fs.copyFileSync(src, dst);
    }
    out.push({ path: rel, bytes: fs.statSync(dst).size, sha256: await sha256File(dst) });
  }
  return out;
}

/**
 * Puts each listed media file back unless an identical one is there, and
 * checks every copy's hash. Returns how many were copied; throws naming
 * the first file missing from the backup or different from its listing.
 */
export async function restoreMedia(entries: MediaEntry[], from: string, to: string): Promise<number> {
  let copied = 0;
  for (const m of entries) {
    if (m.path.split('/').some((p) => p === '..' || p === '') || path.isAbsolute(m.path)) throw new Error(`the manifest lists a media path outside the media folder: ${m.path}`);
    const dst = path.join(to, m.path);
    if (fs.existsSync(dst) && (await sha256File(dst)) === m.sha256) continue;
    const src = path.join(from, m.path);
    if (!fs.existsSync(src) || (await sha256File(src)) !== m.sha256) throw new Error(`media file ${m.path} is missing from the backup or differs from its manifest`);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    const tmp = path.join(path.dirname(dst), `.${path.basename(dst)}.restoring`);
    fs.copyFileSync(src, tmp);
    fs.renameSync(tmp, dst);
    copied++;
  }
  return copied;
}

export function readManifest(file: string): Manifest {
  const p = manifestPath(file);
  if (!fs.existsSync(p)) throw new Error(`there is no manifest at ${p}: restore takes a backup made by \`dateline backup\``);
  const m = JSON.parse(fs.readFileSync(p, 'utf8')) as Manifest;
  if (m?.format !== 'dateline-backup/1' || !m.database?.sha256 || typeof m.tables !== 'object' || !Array.isArray(m.media)) throw new Error(`${p} is not a Dateline backup manifest`);
  return m;
}

export function writeManifest(file: string, m: Manifest): void {
  const p = manifestPath(file);
  fs.writeFileSync(`${p}.partial`, `${JSON.stringify(m, null, 2)}\n`);
  fs.renameSync(`${p}.partial`, p);
}

/** Tables whose count or checksum differ from the manifest's, as lines a person can read. */
export function compareTables(expected: Record<string, TableDigest>, actual: Record<string, TableDigest>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.flatMap((n) => {
    const e = expected[n];
    const a = actual[n];
    if (!e) return [`${n}: not in the backup`];
    if (!a) return [`${n}: missing after restore`];
    return e.rows === a.rows && e.checksum === a.checksum ? [] : [`${n}: expected ${e.rows} rows (${e.checksum}), found ${a.rows} (${a.checksum})`];
  });
}

/** pg_dump / pg_restore: on PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
export function pgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv): string {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(root, v, 'bin', name))) return path.join(root, v, 'bin', name);
  throw new Error(`${name} is not installed (Debian: apt-get install postgresql-client)`);
}

/** Runs a PostgreSQL tool and returns its stdout; its stderr (which names objects, never the password) becomes the error. */
export function runTool(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} failed (exit ${code}): ${err.trim().slice(0, 2000)}`))));
  });
}
