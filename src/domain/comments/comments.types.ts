export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const MODERATION_ACTIONS = ['approve', 'reject', 'spam'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const QUEUES = ['pending', 'flagged', 'spam', 'approved', 'rejected'] as const;
export type Queue = (typeof QUEUES)[number];

/** Why the pipeline held a comment; shown to moderators. */
export type HoldReason = 'premoderated' | 'links' | 'hold_word' | 'confusable_name' | 'repeated_text' | 'honeypot' | 'flagged';

/** A comment as readers see it: no email, no hashes. */
export interface PublicComment {
  id: number;
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  body: string;
  createdAt: Date;
}

export interface ThreadedComment extends PublicComment {
  replies: PublicComment[];
}

/** A comment as moderators see it. */
export interface Comment extends PublicComment {
  authorEmail: string;
  emailHash: string;
  ipHash: string;
  status: CommentStatus;
  heldReasons: HoldReason[];
  notify: boolean;
  flagCount: number;
  updatedAt: Date;
  moderatedAt: Date | null;
  moderatedBy: string | null;
}

/** What a reader's form or JSON client sent, untrusted and unparsed. */
export interface RawSubmission {
  name?: unknown;
  email?: unknown;
  authorUrl?: unknown;
  body?: unknown;
  parentId?: unknown;
  notify?: unknown;
  /** Honeypot: a field people never see. */
  website?: unknown;
  /** Base64 ALTCHA payload from the widget. */
  altcha?: unknown;
  captchaId?: unknown;
  captchaAnswer?: unknown;
}

export interface SubmitContext {
  articleId: number;
  /** The client IP as resolved through the trusted proxy hops only. */
  ip: string;
}

export interface SubmitResult {
  id: number;
  status: CommentStatus;
  heldReasons: HoldReason[];
}

/** Comment rules an editor changes at run time; stored in the settings table under `comments`. */
export interface CommentRules {
  /** Close comments this many days after first publication (0 = never). */
  closeAfterDays: number;
  /** More links than this in a body → held (WordPress comment_max_links). */
  maxLinks: number;
  holdWords: string[];
  rejectWords: string[];
  /** Reader flags that send an approved comment back to the queue. */
  flagThreshold: number;
  /** Seconds from form render to submit below which a submission is refused. */
  minSubmitSeconds: number;
  /** Seconds between two comments from one reader (IP and email together) or one email. */
  floodSeconds: number;
  /** Comments per IP per minute, whatever the email: readers behind one address share it. */
  addressPerMinute: number;
  /** Comments per story per minute, site-wide. */
  storyPerMinute: number;
  /** Same text again from the same commenter within this many seconds → 409. */
  duplicateSeconds: number;
  /** Proof-of-work difficulty: PBKDF2 iterations per attempt and the counter range. */
  powCost: number;
  powMaxCounter: number;
}

export const DEFAULT_RULES: CommentRules = Object.freeze({
  closeAfterDays: 0,
  maxLinks: 2,
  holdWords: [],
  rejectWords: [],
  flagThreshold: 3,
  minSubmitSeconds: 4,
  floodSeconds: 15,
  addressPerMinute: 10,
  storyPerMinute: 120,
  duplicateSeconds: 360,
  powCost: 1000,
  powMaxCounter: 2000,
});

export interface Page<T> {
  items: T[];
  total: number;
}
