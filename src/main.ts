import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { ApiKeysService } from './domain/apikeys/index.ts';
import { ArticleQueries, ArticlesService, createNewsroom, type Newsroom } from './domain/articles/index.ts';
import { runChecks, type Finding } from './domain/editorial-checks/index.ts';
import { DiskBlobStore, MediaService } from './domain/media/index.ts';
import { PeopleService } from './domain/people/index.ts';
import { SectionsService } from './domain/sections/index.ts';
import { SettingsService } from './domain/settings/index.ts';
import { systemClock, type Clock } from './domain/shared/clock.ts';
import { ChangeFeed, pruneChanges, RedisWakeSignal, type WakeSignal } from './domain/changes/index.ts';
import { CommentDigest, CommentNotifier, CommentsService, digestOnSettingsSaved, MemoryRateLimiter, ModerationService, RedisRateLimiter } from './domain/comments/index.ts';
import { createMailer, MailOutbox } from './domain/mail/index.ts';
import { assertSameKey, SecretBox } from './domain/secrets/index.ts';
import { HouseSpellingsService } from './domain/house-spellings/index.ts';
import { SearchService, SearchThrottle } from './domain/search/index.ts';
import { TagsService } from './domain/tags/index.ts';
import { createAccountServices } from './domain/users/index.ts';
import type { HttpDeps } from './http/deps.ts';
import { PageCache } from './http/site/page-cache.ts';
import { PeriodicJobs } from './jobs/periodic.ts';
import { createJobRunner } from './jobs/kinds.ts';
import type { JobRunner } from './jobs/runner.ts';
import { schedulePublishing } from './jobs/scheduler.ts';
import { JobQueue } from './domain/jobs/index.ts';
import { ImportRuns, type ImportDeps } from './domain/import/index.ts';
import { RedirectRulesService, RedirectsService } from './domain/redirects/index.ts';
import { FrontPageService } from './domain/front-page/index.ts';
import { EmbedPreviews, EmbedProviders } from './domain/embeds/index.ts';
import { createSafeFetch, type SafeFetch } from './domain/shared/safe-fetch.ts';
import { PagesService } from './domain/pages/index.ts';
import { resolveSecretKey } from './secret-key.ts';
import { CdnPurger } from './jobs/cdn-purger.ts';
import { migrateToLatest, openDatabase, pendingMigrations, PgNotifyChannel, type Db, type Q } from './storage/index.ts';

export interface Services extends HttpDeps {
  db: Db;
  /** This instance's reader of the change feed: every cache here follows it. */
  changes: ChangeFeed;
  /** Purges shared caches (PURGE_URLS) for every change applied here. */
  cdnPurger: CdnPurger;
  /** Runs the jobs table's work (scheduled publishing, mail, re-indexing); started by createApp. */
  runner: JobRunner;
  /** Seals TOTP secrets and queued mail with the key kept outside the database. */
  box: SecretBox;
  mailOutbox: MailOutbox;
  /** Story desk, workflow and revisions for the admin editor. */
  newsroom: Newsroom<Finding>;
  /** What the WordPress and Ghost importers write with (src/domain/import). */
  importDeps: ImportDeps;
}

export interface App extends Services {
  server: FastifyInstance;
  close(): Promise<void>;
}

/** Domain services over an open database: what the CLI and jobs use, with no HTTP. */
export function createServices(
  config: Config,
  db: Db,
  clock: Clock = systemClock,
  onError: (e: unknown) => void = () => undefined,
  wake?: WakeSignal,
  opts: { embedFetch?: SafeFetch } = {},
): Services {
  const changes = new ChangeFeed({ db, clock, signal: wake ?? wakeSignal(config, db, onError), pollMs: config.changePollMs, resetAfterMs: CHANGE_RETENTION_MS / 2, onError });
  const jobs = new JobQueue({ db, clock });
  const settings = new SettingsService({ db, clock, changes, onSaved: digestOnSettingsSaved(jobs, clock) });
  const houseSpellings = new HouseSpellingsService({ db, clock, changes });
  const search = new SearchService({ db, clock, houseSpellings, jobs });
  const reindex = (trx: Q, ids: number[]) => search.reindexLater(trx, ids);
  const blobs = new DiskBlobStore(config.mediaDir);
  const media = new MediaService({ db, clock, changes, store: blobs });
  const embeds = new EmbedProviders(config.embedProviders);
  // One SSRF-safe client for every address from outside: embed previews and the importer's --fetch-media.
  const remoteFetch = opts.embedFetch ?? createSafeFetch();
  const embedPreviews = new EmbedPreviews({ providers: embeds, fetch: remoteFetch, importImage: (data, meta) => media.importImage(data, meta), onError: () => undefined });
  const articles = new ArticlesService({ db, clock, changes, defaultLanguage: 'en', indexer: search.indexer, schedule: schedulePublishing(jobs), embedPreviews });
  const queries = new ArticleQueries({ db, clock });
  const pageCache = new PageCache(config.pageCacheEntries);
  // Comment rate limits are shared through Redis in scale-out mode (and fail closed there).
  const limiter = config.redisUrl ? new RedisRateLimiter(config.redisUrl) : new MemoryRateLimiter();
  const comments = new CommentsService({ db, clock, siteSettings: settings, changes, limiter });
  const mailer = createMailer(config);
  const box = new SecretBox(resolveSecretKey(config));
  const messageIdHost = new URL(config.siteUrl).hostname;
  const mailOutbox = new MailOutbox({ jobs, clock, mailer, box, messageIdHost });
  const siteName = async () => (await settings.get()).name;
  const requiredFactorRoles = async () => (await settings.get()).requireSecondFactorRoles;
  const accounts = createAccountServices({ db, clock, outbox: mailOutbox, box, siteUrl: config.siteUrl, siteName, requiredFactorRoles });
  const commentNotifier = new CommentNotifier({ db, clock, mailer, siteUrl: config.siteUrl, siteName: async () => (await settings.get()).name, challenges: comments.challenges, jobs, messageIdHost });
  const commentModeration = new ModerationService({ db, clock, changes, settings: comments.settings, notifier: commentNotifier, onError });
  const freshSettings = async () => (settings.invalidate(), settings.get());
  const commentDigest = new CommentDigest({ db, clock, jobs, outbox: mailOutbox, moderation: commentModeration, staff: () => accounts.users.list(), settings: freshSettings, siteUrl: config.siteUrl });
  // A factory, not an import: editorial checks read articles, so articles cannot import them.
  const newsroom = createNewsroom({
    db,
    clock,
    articles,
    settings,
    likeOp: db.caps.caseInsensitiveLike,
    check: async (story, dismissed) => {
      const [{ checksMinConfidence }] = await Promise.all([settings.get(), houseSpellings.refresh()]);
      return runChecks({ ...story, houseSpellings }, { dismissed, minConfidence: checksMinConfidence });
    },
  });
  changes.on((batch) => {
    pageCache.purge(batch.flatMap((c) => c.tags));
    for (const c of batch) {
      if (c.kind === 'settings') settings.invalidate();
      if (c.kind === 'house-spelling') houseSpellings.refresh(true).catch(onError);
      if (c.kind === 'article') comments.articleChanged(Number(c.id));
    }
  });
  const sections = new SectionsService({ db, clock, changes });
  const frontPage = new FrontPageService({ db, clock, changes, jobs, queries, articles, sections });
  const cdnPurger = new CdnPurger({ urls: config.purgeUrls, onError, queue: jobs, db: db.kysely });
  const pages = new PagesService({ db, clock, changes });
  const importDeps: ImportDeps = { db, clock, changes, indexer: search.indexer, hash: (kind, value) => comments.settings.hash(kind, value), pages, media, fetch: remoteFetch, schedule: schedulePublishing(jobs), blobs, frontPage };
  const importRuns = new ImportRuns({ db, jobs, clock, importDeps });
  changes.on(cdnPurger.onChanges);
  return {
    config,
    clock,
    db,
    changes,
    cdnPurger,
    box,
    mailOutbox,
    settings,
    articles,
    queries,
    sections,
    frontPage,
    tags: new TagsService({ db, clock, changes, reindex }),
    people: new PeopleService({ db, clock, changes, reindex }),
    apiKeys: new ApiKeysService({ db, clock }),
    media,
    embeds,
    pageCache,
    likeOp: db.caps.caseInsensitiveLike,
    search,
    searchThrottle: new SearchThrottle({ limiter, clock, perMinute: config.searchRateLimit, onError }),
    houseSpellings,
    comments,
    commentModeration,
    commentNotifier,
    ...accounts,
    jobs,
    runner: createJobRunner({ queue: jobs, articles, search, mailOutbox, commentNotifier, commentDigest, cdnPurger, frontPage, importRuns, leaseMs: config.jobLeaseSeconds * 1000, onError }),
    newsroom,
    editorialChecks: newsroom.desk,
    workflow: newsroom.workflow,
    redirects: new RedirectsService({ db, clock }),
    redirectRules: new RedirectRulesService({ db, clock, changes, siteOrigin: new URL(config.siteUrl).origin }),
    pages,
    importDeps,
    importRuns,
  };
}

/** Change rows are kept a day: far longer than any instance may lag and still keep its caches. */
const CHANGE_RETENTION_MS = 24 * 3600_000;
/** Done jobs are kept a week (what ran, when, on which instance), then pruned. */
const DONE_JOBS_KEPT_MS = 7 * 24 * 3_600_000;

/**
 * How this instance hears of other instances' changes: Redis when there is
 * one (it is there for the shared limits anyway), else PostgreSQL's own
 * LISTEN/NOTIFY; one SQLite process needs nothing but its own writes.
 */
function wakeSignal(config: Config, db: Db, onError: (e: unknown) => void): WakeSignal | undefined {
  const channel = `dateline:changes:${db.schema ?? 'public'}`;
  if (config.redisUrl) return new RedisWakeSignal(config.redisUrl, channel, onError);
  if (db.dialect === 'postgres') return new PgNotifyChannel(config.databaseUrl, db.schema, onError);
  return undefined;
}

export interface CreateAppOptions {
  db?: Db;
  clock?: Clock;
  /** Start the job runner (off in most tests, which drive time themselves with `runner.runDue()`). */
  jobs?: boolean;
  /** How this instance hears of other processes' changes, when not Redis or LISTEN/NOTIFY (the workers of one serve on SQLite). */
  wake?: WakeSignal;
  /** The client embed previews fetch with (tests give one that never leaves the machine). */
  embedFetch?: SafeFetch;
}

/** The composition root: config → database → domain → HTTP and jobs. Nothing else wires. */
export async function createApp(config: Config, opts: CreateAppOptions = {}): Promise<App> {
  let log: (e: unknown) => void = () => undefined;
  const db = opts.db ?? openDatabase(config, (e) => log(e));
  fs.mkdirSync(config.mediaDir, { recursive: true });
  await migrateToLatest(db);
  const services = createServices(config, db, opts.clock ?? systemClock, (e) => log(e), opts.wake, { embedFetch: opts.embedFetch });
  const http = await loadHttp();
  // Before anything reads a sealed value: a wrong key stops the start with a message.
  await assertSameKey(db, services.box, services.clock);
  await services.users.sealLegacyTotpSecrets();
  const ops = createAppOps(config, db, services, http);
  const deps = { ...services, metrics: ops.metrics };
  const { buildServer, createSite, createApi, createAdmin, newsroomPlugins, commentsDeskRoutes, redirectsAdminRoutes, pagesAdminRoutes, importAdminRoutes } = http;
  const server = await buildServer({
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    trustedProxies: config.trustedProxies,
    accessLogSample: config.accessLogSample,
    ops: { register: ops.register, observeRequest: (m, r, s, t) => ops.metrics.observeRequest(m, r, s, t) },
    publicDir: path.resolve(import.meta.dirname, '../public'),
    mediaDir: config.mediaDir,
    site: createSite(deps),
    api: createApi(deps),
    admin: createAdmin(deps, { plugins: [...newsroomPlugins(services.newsroom), commentsDeskRoutes, redirectsAdminRoutes, pagesAdminRoutes, importAdminRoutes] }),
  });
  log = (e) => server.log.error({ err: e }, 'background error');
  const periodic = new PeriodicJobs({
    tasks: [
      { name: 'prune-done-jobs', everyMs: 3_600_000, run: () => services.jobs.prune(DONE_JOBS_KEPT_MS) },
      { name: 'change-feed-prune', everyMs: 3600_000, run: () => pruneChanges(db.kysely, new Date(services.clock.now().getTime() - CHANGE_RETENTION_MS).toISOString()).then(() => undefined) },
    ],
    onError: (err, task) => server.log.error({ err, task }, 'periodic job failed'),
  });
  // Always: a write answers only once this instance's caches have applied it.
  await services.changes.start();
  if (opts.jobs !== false) {
    services.runner.start();
    periodic.start();
  }
  return {
    ...services,
    server,
    async close() {
      periodic.stop();
      await services.changes.stop();
      await services.comments.close();
      await server.close();
      await ops.close();
      // Within serve's own 10 s grace: jobs still running after 5 s are left to their leases.
      await services.runner.stop(5_000);
      await db.close();
    },
  };
}

/**
 * The HTTP side (fastify, the site's pages, the API, the admin and its
 * plugins), loaded when an app is made rather than with this module: every
 * CLI command but `serve` runs on createServices alone, and an import of
 * 100,000 posts should not carry the server in memory (docs/import.md).
 */
async function loadHttp() {
  const [server, site, api, admin, stories, comments, redirects, pages, imports, ops, redis] = await Promise.all([
    import('./http/server.ts'),
    import('./http/site/index.ts'),
    import('./http/api/index.ts'),
    import('./http/admin/index.ts'),
    import('./http/admin/stories/index.ts'),
    import('./http/admin/comments/index.tsx'),
    import('./http/admin/redirects/redirects.routes.tsx'),
    import('./http/admin/pages/pages.routes.tsx'),
    import('./http/admin/import/import.routes.tsx'),
    import('./http/ops/index.ts'),
    import('./http/ops/redis-probe.ts'),
  ]);
  return {
    buildServer: server.buildServer,
    createSite: site.createSite,
    createApi: api.createApi,
    createAdmin: admin.createAdmin,
    newsroomPlugins: stories.newsroomPlugins,
    commentsDeskRoutes: comments.commentsDeskRoutes,
    redirectsAdminRoutes: redirects.redirectsAdminRoutes,
    pagesAdminRoutes: pages.pagesAdminRoutes,
    importAdminRoutes: imports.importAdminRoutes,
    createOps: ops.createOps,
    redisProbe: redis.redisProbe,
  };
}

/** /healthz, /readyz and /metrics over this app's database, page cache, Redis and data folder. */
function createAppOps(config: Config, db: Db, services: Services, { createOps, redisProbe }: Pick<Awaited<ReturnType<typeof loadHttp>>, 'createOps' | 'redisProbe'>) {
  const redis = config.redisUrl ? redisProbe(config.redisUrl) : null;
  const { pageCache } = services;
  const ops = createOps({
    metricsToken: config.metricsToken,
    sources: {
      pageCache: () => ({ entries: pageCache.size, bytes: pageCache.sizeBytes, ...pageCache.stats }),
      pool: db.poolStats,
      observeQueries: (fn) => db.observeQueries(fn),
    },
    probes: {
      database: async () => ({ pending: await pendingMigrations(db) }),
      redis: redis ? () => redis.ping() : undefined,
      dataDir: config.dataDir,
      minFreeBytes: config.readyMinFreeBytes,
    },
  });
  return { ...ops, close: async () => (ops.close(), await redis?.close()) };
}
