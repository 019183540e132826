import type { Db, Q } from '../../storage/index.ts';
import { can, type Role } from '../access/index.ts';
import type { JobKind, JobQueue } from '../jobs/index.ts';
import type { MailOutbox } from '../mail/index.ts';
import type { Clock } from '../shared/clock.ts';
import { nextLocalHour } from '../shared/time.ts';
import type { ModerationService } from './moderation.service.ts';

/** The job kind of the moderators' daily digest. */
export const COMMENT_DIGEST_JOB = 'comment-digest';
/** Every instance enqueues the next digest under this key, so one waits however many ran it. */
export const COMMENT_DIGEST_KEY = COMMENT_DIGEST_JOB;
/** Stories listed by name in one digest; the total counts them all. */
const STORIES_LISTED = 20;

/** The site settings the digest reads (a slice of SiteSettings, which this module does not import). */
export interface DigestSettings {
  name: string;
  timeZone: string;
  moderatorDigestHour: number | null;
}

export interface DigestDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  outbox: MailOutbox;
  moderation: Pick<ModerationService, 'pendingCount' | 'pendingByStory'>;
  /** Every staff account: those whose role may moderate and who are not disabled get the digest. */
  staff: () => Promise<ReadonlyArray<{ email: string; role: Role; disabled: boolean }>>;
  /** Read afresh at each run, so a digest turned off on another instance is not sent. */
  settings: () => Promise<DigestSettings>;
  siteUrl: string;
}

/** Puts the one waiting digest job at the next `hour`:00 of the edition's zone (moving it if it was already waiting). */
export async function scheduleDigest(jobs: JobQueue, trx: Q, now: Date, s: Pick<DigestSettings, 'timeZone' | 'moderatorDigestHour'>): Promise<void> {
  if (s.moderatorDigestHour === null) return;
  await jobs.enqueue(trx, COMMENT_DIGEST_JOB, {}, { runAt: nextLocalHour(now, s.moderatorDigestHour, s.timeZone), key: COMMENT_DIGEST_KEY });
}

/**
 * For SettingsService's `onSaved`: turning the digest on, or moving its hour
 * or the edition's zone, schedules it in the same transaction. Turning it
 * off leaves the waiting job, which finds the setting off and ends.
 */
export function digestOnSettingsSaved(jobs: JobQueue, clock: Clock) {
  return async (trx: Q, before: DigestSettings, after: DigestSettings): Promise<void> => {
    if (before.moderatorDigestHour === after.moderatorDigestHour && before.timeZone === after.timeZone) return;
    await scheduleDigest(jobs, trx, clock.now(), after);
  };
}

const oneLine = (s: string) => s.replace(/[\s\u0000-\u001F\u007F]+/g, ' ').trim().slice(0, 150);

/** `40 min`, `5 h`, `3 days`: how long the oldest comment of a story has waited. */
export function waitedFor(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

/**
 * An optional daily email to moderators of the comments waiting
 * (docs/comments.md). The job mails through the outbox and schedules its
 * next run in one transaction with its own completion: a runner that loses
 * its lease rolls all of it back, so a digest is queued once per day.
 */
export class CommentDigest {
  constructor(private readonly deps: DigestDeps) {}

  /** The `comment-digest` job kind (registered in src/jobs/kinds.ts). */
  readonly job: JobKind<Record<string, never>> = {
    backoffMs: 60_000,
    handle: async (_payload, ctx) => {
      const s = await this.deps.settings();
      if (s.moderatorDigestHour === null) return;
      const mails = await this.compose(s);
      await this.deps.db.kysely.transaction().execute(async (trx) => {
        for (const m of mails) await this.deps.outbox.enqueue(trx, m);
        await scheduleDigest(this.deps.jobs, trx, this.deps.clock.now(), s);
        await ctx.finish(trx);
      });
      this.deps.outbox.kick();
    },
  };

  /** One message per moderator, or none when nothing waits. */
  private async compose(s: DigestSettings) {
    const total = await this.deps.moderation.pendingCount();
    if (total === 0) return [];
    const [stories, staff] = await Promise.all([this.deps.moderation.pendingByStory(STORIES_LISTED), this.deps.staff()]);
    const now = this.deps.clock.now().getTime();
    const site = oneLine(s.name);
    const lines = stories.map((r) => `- ${r.story ? oneLine(r.story.headline) : `Story #${r.articleId}`}: ${r.count} waiting, the oldest for ${waitedFor(now - r.oldest.getTime())}`);
    const more = stories.reduce((n, r) => n - r.count, total);
    const text = [
      `${total} ${total === 1 ? 'comment is' : 'comments are'} waiting for moderation on ${site}.`,
      '',
      ...lines,
      ...(more > 0 ? [`- and ${more} more on other stories`] : []),
      '',
      `Moderate them: ${this.deps.siteUrl}/admin/comments?queue=pending`,
      '',
      '—',
      `You get this daily digest as a moderator of ${site}; an admin can turn it off in Settings.`,
    ].join('\n');
    const subject = `${total} ${total === 1 ? 'comment' : 'comments'} waiting on ${site}`;
    return staff.filter((u) => !u.disabled && can(u.role, 'comments:moderate')).map((u) => ({ kind: COMMENT_DIGEST_JOB, to: u.email, subject, text }));
  }
}
