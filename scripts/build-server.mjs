#!/usr/bin/env node
// Bundles the server and CLI (src/cli/main.ts) into dist/dateline.cjs, run by
// dist/dateline.mjs (scripts/bundle-loader.mjs, with V8's code cache), which
// bin/dateline.mjs (and so `npm start`) runs with plain node when it is newer
// than every source. Compiling the TypeScript through tsx, and then loading
// thousands of small files from node_modules, took two to three seconds
// before the first request. `npm test` builds it first too: the tests that
// start the CLI as a child process (test/cli/) then run what an operator
// runs, and each start costs about a second instead of five (the suite's CLI
// tests took about three times as long through tsx). Tests in the test
// process itself, and `npm run bench`'s own code, run the sources through tsx.
//   node scripts/build-server.mjs            (skips the build when the bundle is current)
//   node scripts/build-server.mjs --force
//   DATELINE_BUNDLE_PLAIN=1 node scripts/build-server.mjs --force   (unminified, for profiling)
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { asciiBundle } from './bundle-ascii.mjs';
import { BUNDLE, ROOT, bundleIsFresh } from './server-bundle.mjs';

const root = ROOT;

/**
 * Sources find files next to them with import.meta.dirname (../../public)
 * and tell "run as a script" apart with import.meta.url. In one bundle both
 * would name dist/, so each file's own location, relative to the repository,
 * is written in, and resolved from the bundle's place at run time. The
 * bundle is CommonJS (the form vm.Script compiles), which has no import.meta:
 * import.meta.resolve is the loader's own (dist/dateline.mjs), passed in.
 */
const ownLocation = {
  name: 'own-location',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      const rel = path.relative(root, args.path).split(path.sep).join('/');
      const text = (await fs.promises.readFile(args.path, 'utf8'))
        .replaceAll('import.meta.resolve(', '__datelineResolve(')
        .replaceAll('import.meta.dirname', `__datelineAt(${JSON.stringify(path.posix.dirname(rel))})`)
        .replaceAll('import.meta.url', `__datelineUrl(${JSON.stringify(rel)})`);
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: path.dirname(args.path) };
    });
  },
};

/**
 * Packages that only some set-ups or some requests use: sharp loads libvips
 * (a few hundred milliseconds) and is needed only when an image is imported;
 * ioredis only with REDIS_URL, nodemailer only with SMTP_URL, argon2 only at
 * sign-in, pg only with a postgres:// DATABASE_URL (it also made node load
 * its fetch implementation at start), @simplewebauthn/server only for
 * passkeys (its X.509 and ASN.1 packages were the largest part of start-up
 * evaluation). In the bundle each is a stand-in that loads the real package
 * at its first use and forwards every call, `new` and property to it. The
 * names are the exports our sources import (`default` is the whole module).
 */
const LAZY = {
  sharp: ['default'],
  ioredis: ['Redis'],
  nodemailer: ['default'],
  '@node-rs/argon2': ['hash', 'verify'],
  pg: ['default'],
  '@simplewebauthn/server': ['generateAuthenticationOptions', 'generateRegistrationOptions', 'verifyAuthenticationResponse', 'verifyRegistrationResponse'],
};

function lazyModule(pkg, names) {
  const forward = (get) => `new Proxy(function () {}, {
  apply: (_t, self, args) => Reflect.apply(${get}, self, args),
  construct: (_t, args, target) => Reflect.construct(${get}, args),
  get: (_t, key) => ${get}[key],
  has: (_t, key) => key in ${get},
})`;
  const lines = ['let real;', `const load = () => (real ??= require(${JSON.stringify(pkg)}));`];
  for (const n of names) lines.push(n === 'default' ? `export default ${forward('load()')};` : `export const ${n} = ${forward(`load().${n}`)};`);
  return lines.join('\n');
}

const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map((p) => p.replace(/[/@.-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: lazyModule(args.path, LAZY[args.path]), loader: 'js', resolveDir: root }));
  },
};

// The bundle is one function expression, which the loader compiles and calls with what a CommonJS module gets.
const BANNER = `// Built by scripts/build-server.mjs from src/: do not edit.
(function (exports, require, module, __filename, __dirname, __datelineResolve) {
const __datelinePath = require('node:path');
const { pathToFileURL: __datelineToUrl } = require('node:url');
const __datelineRoot = __datelinePath.resolve(__dirname, '..');
const __datelineAt = (rel) => __datelinePath.join(__datelineRoot, rel);
const __datelineUrl = (rel) => __datelineToUrl(__datelinePath.join(__datelineRoot, rel)).href;`;

const CODE = path.join(path.dirname(BUNDLE), 'dateline.cjs');

/**
 * Builds into memory, then writes the bundle, its map and the loader through
 * temporary files and renames (the loader last, since its time says the build
 * is current), so a process starting meanwhile never reads half a bundle.
 */
export async function buildServer() {
  const esbuild = await import('esbuild');
  let result;
  // esbuild answers from a service process; `npm start` builds inside the server's own
  // launcher, so the service is stopped after the build instead of living (≈ 230 MB) beside it.
  try {
    result = await esbuild.build({
      entryPoints: [path.join(root, 'src/cli/main.ts')],
      outfile: CODE,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Native addons (and pg's optional one) stay packages; the rest is bundled, since loading
      // thousands of small files from node_modules was most of the start.
      external: ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg-native'],
      sourcemap: 'external',
      footer: { js: '})\n//# sourceMappingURL=dateline.cjs.map' },
      legalComments: 'none',
      // Less to parse at start; names kept for stack traces and for plugins that are named by their function.
      minify: process.env.DATELINE_BUNDLE_PLAIN !== '1',
      keepNames: true,
      logLevel: 'warning',
      banner: { js: BANNER },
      plugins: [ownLocation, lazyPackages],
    });
  } finally {
    await esbuild.stop();
  }
  const file = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext)).text;
  const { code, map } = asciiBundle(file('.cjs'), JSON.parse(file('.cjs.map')));
  const build = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  const loader = fs
    .readFileSync(path.join(root, 'scripts/bundle-loader.mjs'), 'utf8')
    .replace("'%BUILD%'", JSON.stringify(build))
    .replace("'%ENCODING%'", JSON.stringify(/^[\x00-\x7f]*$/.test(code) ? 'latin1' : 'utf8'));
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  const put = (to, text) => {
    const tmp = `${to}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, to);
  };
  put(`${CODE}.map`, JSON.stringify(map));
  put(CODE, `${code}\n// dateline build ${build}\n`);
  put(BUNDLE, loader);
  for (const f of fs.readdirSync(path.dirname(BUNDLE))) {
    // Another build's code caches, and the map of the ES-module bundle this one replaced.
    if ((f.endsWith('.code-cache') && !f.startsWith(`dateline.${build}.`)) || f === 'dateline.mjs.map') fs.rmSync(path.join(path.dirname(BUNDLE), f), { force: true });
  }
  await primeCodeCache();
}

/**
 * One short run of the new bundle, so that even the first start after a build
 * finds V8's code (the loader, scripts/bundle-loader.mjs): a server on an
 * empty SQLite database in a temporary folder publishes a story through the
 * Admin API with its first-start key, answers the story, the home page, the
 * sign-in page and a missing page, and keeps its compiled code as it stops.
 * A failure here only means that the first real start compiles, and keeps
 * the code itself.
 */
async function primeCodeCache() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-prime-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATELINE_DATA_DIR: dir, HOST: '127.0.0.1', PORT: '0', WORKERS: '1', LOG_LEVEL: 'error', DATELINE_SEED_DEMO: 'false', DATELINE_PRIME_CODE_CACHE: '1' };
  const child = spawn(process.execPath, [BUNDLE, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('close', resolve));
  let out = '';
  try {
    const [address, keyFile] = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const at = out.match(/Dateline is running at (http:\/\/[\d.]+:\d+)/);
        const key = out.match(/Admin API key written to (\S+)/);
        if (at && key) resolve([at[1], key[1]]);
      });
      child.stderr.on('data', (d) => (out += d));
      exited.then(() => reject(new Error(out.trim() || 'it exited')));
    });
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    const created = await fetch(`${address}/api/admin/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ headline: 'Primed', status: 'published', bodyMarkdown: 'A paragraph.\n\n## A subheading\n\n"A quote," she said.' }),
    });
    if (created.status !== 201) throw new Error(`publishing answered ${created.status}`);
    const story = new URL(((await created.json()).article.url)).pathname;
    for (const p of [story, '/', '/admin/sign-in', '/news/1/no-such-story']) await (await fetch(address + p)).arrayBuffer();
  } catch (e) {
    console.warn(`warning: the code cache was not primed (${e.message}); the first start keeps it instead`);
  } finally {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--force') || !bundleIsFresh()) await buildServer();
}
