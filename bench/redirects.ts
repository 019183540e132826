/**
 * Redirect rules at size: a 20,000-row CSV import (every row checked, the
 * merged set checked for loops, one transaction), one more rule written
 * against 20,001 stored ones, where() lookups, and GETs of ruled addresses.
 * Fresh SQLite file and a fresh PostgreSQL schema (TEST_DATABASE_URL, as the
 * tests): node --import tsx bench/redirects.ts
 */
import { createTestApp } from '../test/helpers/dialects.ts';
for (const dialect of ['sqlite', 'postgres'] as const) {
  const app = await createTestApp(dialect);
  const csv = 'source,target,match\n' + Array.from({ length: 20_000 }, (_, i) => `/old/${i}/story-${i},/news-${i},${i % 10 === 0 ? 'prefix' : 'exact'}`).join('\n');
  let t = performance.now();
  const r = await app.redirectRules.importCsv(csv);
  const importMs = performance.now() - t;
  t = performance.now();
  await app.redirectRules.create({ source: '/one-more', target: '/x' });
  const createMs = performance.now() - t;
  t = performance.now();
  const N = 2000;
  for (let i = 0; i < N; i++) await app.redirects.where(`/old/${i * 7}/story-${i * 7}/deeper`);
  const lookupUs = ((performance.now() - t) / N) * 1000;
  t = performance.now();
  for (let i = 0; i < N; i++) await app.server.inject(`/old/${i}/story-${i}`);
  const httpUs = ((performance.now() - t) / N) * 1000;
  console.log(`${dialect}: import ${r.imported} rules ${importMs.toFixed(0)} ms (loop check included); one more rule with 20,001 in the table ${createMs.toFixed(0)} ms; where() ${lookupUs.toFixed(0)} µs/lookup; GET of a ruled address via inject ${httpUs.toFixed(0)} µs (first request uncached, repeats of the same 2,000 addresses would be cached)`);
  await app.cleanup();
}
