import type { ArticlesService } from '../domain/articles/index.ts';
import { COMMENT_DIGEST_JOB, COMMENT_MAIL_JOB, type CommentDigest, type CommentNotifier } from '../domain/comments/index.ts';
import { FRONT_PAGE_PIN_JOB, type FrontPageService } from '../domain/front-page/index.ts';
import { IMPORT_JOB, type ImportRuns } from '../domain/import/index.ts';
import type { Job, JobQueue } from '../domain/jobs/index.ts';
import { MAIL_JOB, type MailOutbox } from '../domain/mail/index.ts';
import { REINDEX_JOB, type SearchService } from '../domain/search/index.ts';
import { CdnPurger, PURGE_JOB } from './cdn-purger.ts';
import { JobRunner } from './runner.ts';
import { PUBLISH_JOB, publishingJob } from './scheduler.ts';

export interface BuiltInJobDeps {
  queue: JobQueue;
  articles: ArticlesService;
  search: SearchService;
  mailOutbox: MailOutbox;
  commentNotifier: CommentNotifier;
  commentDigest: CommentDigest;
  cdnPurger: CdnPurger;
  frontPage: FrontPageService;
  importRuns: ImportRuns;
  leaseMs: number;
  onError: (err: unknown, job?: Job) => void;
}

/** The runner with Dateline's own kinds of job; more are one `runner.define(kind, { handle })` away (docs/jobs.md). */
export function createJobRunner(d: BuiltInJobDeps): JobRunner {
  return new JobRunner({ queue: d.queue, onError: d.onError, leaseMs: d.leaseMs })
    .define(PUBLISH_JOB, publishingJob(d.articles))
    .define(MAIL_JOB, d.mailOutbox.job)
    .define(COMMENT_MAIL_JOB, d.commentNotifier.job)
    .define(COMMENT_DIGEST_JOB, d.commentDigest.job)
    .define(REINDEX_JOB, d.search.reindexJob)
    .define(PURGE_JOB, d.cdnPurger.job)
    .define(FRONT_PAGE_PIN_JOB, d.frontPage.pinJob)
    .define(IMPORT_JOB, d.importRuns.job);
}
