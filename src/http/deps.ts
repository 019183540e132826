import type { ImportRuns } from '../domain/import/index.ts';
import type { Config } from '../config.ts';
import type { ApiKeysService } from '../domain/apikeys/index.ts';
import type { ArticleQueries, ArticlesService, CheckFinding, NewsroomService, StoryWorkflow } from '../domain/articles/index.ts';
import type { EmbedProviders } from '../domain/embeds/index.ts';
import type { MediaService } from '../domain/media/index.ts';
import type { PeopleService } from '../domain/people/index.ts';
import type { SectionsService } from '../domain/sections/index.ts';
import type { SettingsService } from '../domain/settings/index.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { CommentNotifier, CommentsService, ModerationService } from '../domain/comments/index.ts';
import type { JobQueue } from '../domain/jobs/index.ts';
import type { TagsService } from '../domain/tags/index.ts';
import type { HouseSpellingsService } from '../domain/house-spellings/index.ts';
import type { SearchService, SearchThrottle } from '../domain/search/index.ts';
import type { AuditLogService, AuthService, PasskeysService, PasswordResetService, SecondFactorsService, UsersService } from '../domain/users/index.ts';
import type { AppMetrics } from './ops/index.ts';
import type { PageCache } from './site/page-cache.ts';
import type { RedirectRulesService, RedirectsService } from '../domain/redirects/index.ts';
import type { FrontPageService } from '../domain/front-page/index.ts';
import type { PagesService } from '../domain/pages/index.ts';

/** Everything the HTTP layer may use: domain services only, never the database handle. */
export interface HttpDeps {
  config: Config;
  clock: Clock;
  settings: SettingsService;
  articles: ArticlesService;
  queries: ArticleQueries;
  sections: SectionsService;
  tags: TagsService;
  people: PeopleService;
  apiKeys: ApiKeysService;
  media: MediaService;
  /** The site's embed provider table: built-ins plus EMBED_PROVIDERS (src/domain/embeds). */
  embeds: EmbedProviders;
  pageCache: PageCache;
  /** `like` or `ilike`, from the dialect's capabilities, for headline search in listings. */
  likeOp: 'like' | 'ilike';
  /** Full-text search over published stories (public site and Content API). */
  search: SearchService;
  /** Searches per client IP per minute (SEARCH_RATE_LIMIT). */
  searchThrottle: SearchThrottle;
  /** The house-spelling dictionary (Admin API writes, search and editorial checks read). */
  houseSpellings: HouseSpellingsService;
  /** Reader comments: challenges, submission, the public list (docs/comments.md). */
  comments: CommentsService;
  /** The moderation desk and Admin API side of comments. */
  commentModeration: ModerationService;
  /** Comment emails (outbox) and one-click unsubscribe. */
  commentNotifier: CommentNotifier;
  /** Staff accounts: create, roles, disable, TOTP enrolment. */
  users: UsersService;
  /** Sign-in, sessions, sign-out (admin context only). */
  auth: AuthService;
  passwordResets: PasswordResetService;
  /** Staff passkeys (WebAuthn): registration, listing, removal, verification. */
  passkeys: PasskeysService;
  /** Which second factors a member has, recovery codes, and the required-factor rule. */
  factors: SecondFactorsService;
  auditLog: AuditLogService;
  /** The jobs table, for the admin page: counts, dead jobs, retry and discard. */
  jobs: JobQueue;
  /** Editorial checks of a story, and the publish gate the site setting turns on. */
  editorialChecks: Pick<NewsroomService<CheckFinding>, 'findingsFor' | 'assertPublishable'>;
  /** Who may write which story, and the publish gate: every story write goes through it (admin pages and Admin API). */
  workflow: StoryWorkflow;
  /** The operator's counters (/metrics); absent where no server runs (the CLI). */
  metrics?: Pick<AppMetrics, 'commentDecision'>;
  /** Old addresses of imported stories, answered before the 404 page. */
  redirects: RedirectsService;
  /** The editors' choices for the front page and section leads. */
  frontPage: FrontPageService;
  /** The redirects manager's rules (admin page and Admin API). */
  redirectRules: RedirectRulesService;
  /** Static pages (About, Contact) and the footer menu. */
  pages: PagesService;
  /** Imports started from /admin/import, run as jobs. */
  importRuns: ImportRuns;
}
