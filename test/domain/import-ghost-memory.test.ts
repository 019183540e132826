import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, describe, test } from 'node:test';
import { testRunId } from '../helpers/dialects.ts';
import { writeGhostExport } from '../helpers/ghost-export.ts';

/**
 * The Ghost importer streams its file (docs/import.md): a 110 MB export
 * (5,000 posts of 22 kB HTML, relations after the posts) imports in a
 * process whose JavaScript heap is capped below the file's size. Reading
 * the file whole, as the importer once did, dies there: the text and the
 * parsed posts are each as large as the file.
 */
const POSTS = 5000;
const HTML_BYTES = 22_000;
const HEAP_CAP_MB = 96;
const CHILD = path.resolve(import.meta.dirname, '../helpers/ghost-memory-child.ts');
const run = promisify(execFile);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-ghost-mem-'));
const file = path.join(dir, 'big.json');
const size = writeGhostExport(file, POSTS, HTML_BYTES);
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// SQLite only: what is bounded here is the reader (the file is never whole in
// memory), which is the same code on both databases; the Ghost import itself is
// tested on both in import-ghost.test.ts. On PostgreSQL this run took 82 s of
// the suite, writing story by story.
for (const dialect of ['sqlite'] as const) {
  describe(`${dialect}: a Ghost export larger than the memory it imports in`, { timeout: 600_000 }, () => {
    test(`${POSTS} posts of ${HTML_BYTES / 1000} kB under a ${HEAP_CAP_MB} MB heap`, async (t) => {
      assert.ok(size > HEAP_CAP_MB * 1024 * 1024, `the file (${size} bytes) is larger than the heap cap`);
      const { stdout } = await run(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, '--import', 'tsx', CHILD, dialect, file], {
        env: { ...process.env, DATELINE_TEST_RUN: testRunId() },
        maxBuffer: 1024 * 1024,
      });
      const got = JSON.parse(stdout.trim().split('\n').at(-1)!) as { stories: number; published: number; heapBefore: number; heapMax: number; rssBefore: number; maxRss: number };
      const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
      const figures = `file ${mb(size)}, heap ${mb(got.heapBefore)} before, ${mb(got.heapMax)} at most after a batch; RSS ${mb(got.rssBefore)} before, ${mb(got.maxRss)} peak`;
      t.diagnostic(figures);
      assert.equal(got.stories, POSTS, figures);
      assert.equal(got.published, POSTS, 'every post public after the flip');
      // Between batches the heap holds the app and the tables' index, not the posts read so far.
      assert.ok(got.heapMax - got.heapBefore < size / 2, figures);
    });
  });
}
