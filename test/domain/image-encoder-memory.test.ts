import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../helpers/dialects.ts';

/**
 * What keeps a server's native memory down after encoding images (measured
 * with scripts/measure-memory.sh, docs/performance.md): no libvips operation
 * cache, one libvips thread per image, and in the shipped units fewer glibc
 * malloc arenas.
 */
let app: TestApp;
before(async () => {
  app = await createTestApp('sqlite');
});
after(async () => app?.cleanup());

test('the first image encoded configures sharp without its operation cache and with one thread per image', async () => {
  // Made before any import: sharp's own defaults are still in place until the service encodes.
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();
  await app.media.importImage(png, { alt: 'A blue square', caption: '', credit: '', originalName: 'square.png' });
  assert.equal(sharp.cache().memory.max, 0, 'libvips cache off');
  assert.equal(sharp.concurrency(), 1);
});

test('the systemd unit and the container image set MALLOC_ARENA_MAX=2', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  for (const f of ['deploy/systemd/dateline.service', 'deploy/docker/Dockerfile']) {
    assert.match(fs.readFileSync(path.join(root, f), 'utf8'), /^(Environment=|ENV ).*\bMALLOC_ARENA_MAX=2\b/m, f);
  }
});
