import type { Config } from '../config.ts';
import type { ApiKeysService } from '../domain/apikeys/index.ts';
import type { ArticleQueries, ArticlesService } from '../domain/articles/index.ts';
import type { MediaService } from '../domain/media/index.ts';
import type { PeopleService } from '../domain/people/index.ts';
import type { SectionsService } from '../domain/sections/index.ts';
import type { SettingsService } from '../domain/settings/index.ts';
import type { Clock } from '../domain/shared/clock.ts';
import type { TagsService } from '../domain/tags/index.ts';
import type { PageCache } from './site/page-cache.ts';

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
  pageCache: PageCache;
  /** `like` or `ilike`, from the dialect's capabilities, for headline search in listings. */
  likeOp: 'like' | 'ilike';
}
