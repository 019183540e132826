import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { ApiKeysService } from './domain/apikeys/index.ts';
import { ArticleQueries, ArticlesService } from './domain/articles/index.ts';
import { DiskBlobStore, MediaService } from './domain/media/index.ts';
import { PeopleService } from './domain/people/index.ts';
import { SectionsService } from './domain/sections/index.ts';
import { SettingsService } from './domain/settings/index.ts';
import { systemClock, type Clock } from './domain/shared/clock.ts';
import { EventBus } from './domain/shared/events.ts';
import { TagsService } from './domain/tags/index.ts';
import { createApi } from './http/api/index.ts';
import type { HttpDeps } from './http/deps.ts';
import { buildServer } from './http/server.ts';
import { createSite } from './http/site/index.ts';
import { PageCache } from './http/site/page-cache.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { migrateToLatest, openDatabase, type Db } from './storage/index.ts';

export interface Services extends HttpDeps {
  db: Db;
  bus: EventBus;
  scheduler: Scheduler;
}

export interface App extends Services {
  server: FastifyInstance;
  close(): Promise<void>;
}

/** Domain services over an open database: what the CLI and jobs use, with no HTTP. */
export function createServices(config: Config, db: Db, clock: Clock = systemClock, onError: (e: unknown) => void = () => undefined): Services {
  const bus = new EventBus();
  const emit = bus.emit;
  const settings = new SettingsService({ db, clock, emit });
  const articles = new ArticlesService({ db, clock, emit, defaultLanguage: 'en' });
  const queries = new ArticleQueries({ db, clock });
  const pageCache = new PageCache(config.pageCacheEntries);
  const scheduler = new Scheduler({ articles, queries, clock, onError });
  bus.on((e) => {
    pageCache.clear();
    if (e.kind === 'settings') settings.invalidate();
    if (e.kind === 'article') scheduler.poke();
  });
  return {
    config,
    clock,
    db,
    bus,
    settings,
    articles,
    queries,
    sections: new SectionsService({ db, clock, emit }),
    tags: new TagsService({ db, clock, emit }),
    people: new PeopleService({ db, clock, emit }),
    apiKeys: new ApiKeysService({ db, clock }),
    media: new MediaService({ db, clock, store: new DiskBlobStore(path.join(config.dataDir, 'media')) }),
    pageCache,
    likeOp: db.caps.caseInsensitiveLike,
    scheduler,
  };
}

export interface CreateAppOptions {
  db?: Db;
  clock?: Clock;
  /** Start the publish scheduler (off in most tests, which drive time themselves). */
  jobs?: boolean;
}

/** The composition root: config → database → domain → HTTP and jobs. Nothing else wires. */
export async function createApp(config: Config, opts: CreateAppOptions = {}): Promise<App> {
  let log: (e: unknown) => void = () => undefined;
  const db = opts.db ?? openDatabase(config, (e) => log(e));
  await migrateToLatest(db);
  const services = createServices(config, db, opts.clock ?? systemClock, (e) => log(e));
  const server = await buildServer({
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    publicDir: path.resolve(import.meta.dirname, '../public'),
    mediaDir: path.join(config.dataDir, 'media'),
    site: createSite(services),
    api: createApi(services),
  });
  log = (e) => server.log.error({ err: e }, 'background error');
  if (opts.jobs !== false) await services.scheduler.start();
  return {
    ...services,
    server,
    async close() {
      services.scheduler.stop();
      await server.close();
      await db.close();
    },
  };
}
