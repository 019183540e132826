#!/usr/bin/env node
// Bundles the server and CLI (src/cli/main.ts) into dist/dateline.mjs, which
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
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, ROOT, bundleIsFresh } from './server-bundle.mjs';

const root = ROOT;

/**
 * Sources find files next to them with import.meta.dirname (../../public)
 * and tell "run as a script" apart with import.meta.url. In one bundle both
 * would name dist/, so each file's own location, relative to the repository,
 * is written in, and resolved from the bundle's place at run time.
 */
const ownLocation = {
  name: 'own-location',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (args) => {
      const rel = path.relative(root, args.path).split(path.sep).join('/');
      const text = (await fs.promises.readFile(args.path, 'utf8'))
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
  const lines = [
    "import { createRequire } from 'node:module';",
    'let real;',
    `const load = () => (real ??= createRequire(import.meta.url)(${JSON.stringify(pkg)}));`,
  ];
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

const BANNER = `// Built by scripts/build-server.mjs from src/: do not edit.
import { createRequire as __datelineRequire } from 'node:module';
const require = __datelineRequire(import.meta.url);
import { fileURLToPath as __datelineToPath, pathToFileURL as __datelineToUrl } from 'node:url';
import __datelinePath from 'node:path';
const __datelineRoot = __datelinePath.resolve(__datelinePath.dirname(__datelineToPath(import.meta.url)), '..');
const __datelineAt = (rel) => __datelinePath.join(__datelineRoot, rel);
const __datelineUrl = (rel) => __datelineToUrl(__datelinePath.join(__datelineRoot, rel)).href;`;

/** Builds into a temporary file and renames it, so a process starting meanwhile never reads half a bundle. */
export async function buildServer() {
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  const esbuild = await import('esbuild');
  // esbuild answers from a service process; `npm start` builds inside the server's own
  // launcher, so the service is stopped after the build instead of living (≈ 230 MB) beside it.
  try {
    await esbuild.build({
      entryPoints: [path.join(root, 'src/cli/main.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Native addons (and pg's optional one) stay packages; the rest is bundled, since loading
      // thousands of small files from node_modules was most of the start.
      external: ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg-native'],
      // The map is written beside the temporary file, renamed with it, and named in the footer.
      sourcemap: 'external',
      footer: { js: '//# sourceMappingURL=dateline.mjs.map' },
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
  fs.renameSync(`${tmp}.map`, `${BUNDLE}.map`);
  fs.renameSync(tmp, BUNDLE);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--force') || !bundleIsFresh()) await buildServer();
}
