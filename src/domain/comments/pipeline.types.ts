import type { Q } from '../../storage/index.ts';
import type { ChallengeService, PassedChallenge } from './challenge.ts';
import type { ArticleMetaRow, CommenterRecord } from './comments.repo.ts';
import type { CommentRules, HoldReason, RawSubmission } from './comments.types.ts';
import type { LimiterHit, RateLimiter } from './rate-limit.ts';

/** The submission after the fields phase: clean, normalised, within limits. */
export interface CommentInput {
  name: string;
  email: string;
  authorUrl: string;
  body: string;
  parentId: number | null;
  notify: boolean;
  honeypot: boolean;
}

/** What the phases decide; the service turns it into a row. */
export interface Verdict {
  held: Set<HoldReason>;
  spam: boolean;
  parentId: number | null;
  challenge: PassedChallenge | null;
}

/**
 * Everything a phase may look at. Each phase declares the slice it needs
 * with Pick<> (docs/architecture.md, house conventions), so a phase cannot quietly grow a dependency.
 */
export interface PhaseContext {
  now: Date;
  rules: CommentRules;
  siteDefaultMode: 'open' | 'premoderated' | 'closed';
  siteName: string;
  article: ArticleMetaRow;
  raw: RawSubmission;
  input: CommentInput;
  ipHash: string;
  emailHash: string;
  bodyHash: string;
  db: Q;
  /**
   * Bans on the email or address and recent comments with this text, read
   * in one statement when a phase first asks (bans, after the cheap
   * refusals) and shared with the next (repeats).
   */
  record: () => Promise<CommenterRecord>;
  limiter: RateLimiter;
  /** What the rate limit recorded for this submission (given back if it cannot be stored). */
  hits: LimiterHit[];
  challenges: ChallengeService;
  verdict: Verdict;
}

export type Phase = (ctx: PhaseContext) => Promise<void> | void;
