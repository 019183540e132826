import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

// npm's own range parser (hoisted in node_modules as a dependency of npm tooling),
// so the check reads engine ranges exactly as `npm install` does.
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

const root = path.resolve(import.meta.dirname, '..');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));

/**
 * `npm install` prints EBADENGINE when a locked package wants a newer Node than
 * the one running it; on the oldest Node we declare, that is every package whose
 * range the declared minimum misses. Optional platform builds (sharp's) only
 * install where they fit, so they are judged by their own package, which is not.
 */
test('every locked package runs on the oldest Node the package declares', () => {
  const declared = read('package.json').engines.node as string;
  const oldest = semver.minVersion(declared)!.version;
  const lock = read('package-lock.json') as { packages: Record<string, { engines?: { node?: string }; optional?: boolean }> };
  const misfits = Object.entries(lock.packages)
    .filter(([name, p]) => name && p.engines?.node && !p.optional && !semver.satisfies(oldest, p.engines.node))
    .map(([name, p]) => `${name} wants node ${p.engines!.node}`);
  assert.deepEqual(misfits, [], `declared node ${declared} (oldest ${oldest})`);
});

test('the Node running the tests is one the package declares', () => {
  assert.ok(semver.satisfies(process.version, read('package.json').engines.node), `${process.version} vs ${read('package.json').engines.node}`);
});
