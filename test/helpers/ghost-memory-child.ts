/**
 * Imports one Ghost export on a fresh test database and prints what it
 * cost as JSON: run as its own process by test/domain/import-ghost-memory.test.ts,
 * so the figures are the import's, not the test runner's.
 * Usage: node --import tsx ghost-memory-child.ts DIALECT FILE
 */
import { importGhost } from '../../src/domain/import/index.ts';
import { createTestApp } from './dialects.ts';
import type { DialectName } from '../../src/storage/index.ts';

const [dialect, file] = process.argv.slice(2) as [DialectName, string];
const app = await createTestApp(dialect);
try {
  const { heapUsed: heapBefore, rss: rssBefore } = process.memoryUsage();
  let heapMax = 0;
  const result = await importGhost(app.importDeps, file, { onProgress: () => (heapMax = Math.max(heapMax, process.memoryUsage().heapUsed)) });
  const published = (await app.queries.listPublic({}, 1, 0)).total;
  process.stdout.write(`${JSON.stringify({ stories: result.counts.stories, published, heapBefore, heapMax, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
} finally {
  await app.cleanup();
}
