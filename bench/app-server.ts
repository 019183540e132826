/**
 * The Dateline side of the benchmark, in its own process so it does not
 * share a core with the load generator. Seeds N stories into a fresh SQLite
 * database, listens on a random port and reports the port and story URLs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/main.ts';
import { seedStories } from './fixtures.ts';

const stories = Number(process.env.BENCH_STORIES ?? 3000);
const dataDir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-'));
const config = loadConfig({ ...process.env, DATELINE_DATA_DIR: dataDir, LOG_LEVEL: 'error', DATELINE_SEED_DEMO: 'false', PORT: '0' });
const t0 = Date.now();
const app = await createApp(config, { jobs: false });
const storiesExisting = (await app.queries.listPublic({}, 1, 0)).total;
const site = storiesExisting >= stories ? null : await seedStories(app, stories - storiesExisting, new Date());
const seedMs = Date.now() - t0;
const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
const list = await app.queries.listPublic({}, stories, 0);
const paths = list.items.map((a) => `/news/${a.id}/${a.slug}`);
process.send?.({ address, paths, seedMs, created: site?.storyIds.length ?? 0, dataDir });
process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'rss') process.send?.({ rss: process.memoryUsage().rss });
  if (m.cmd === 'cpu') process.send?.({ ...process.cpuUsage(), rss: process.memoryUsage().rss });
  if (m.cmd === 'stop') void app.close().then(() => process.exit(0));
});
