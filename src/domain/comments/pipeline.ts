import type { CommentStatus } from './comments.types.ts';
import type { Phase, PhaseContext } from './pipeline.types.ts';
import { bans } from './phases/bans.ts';
import { challenge } from './phases/challenge.ts';
import { confusableName, honeypot, links, words } from './phases/content.ts';
import { parent } from './phases/parent.ts';
import { rateLimit } from './phases/rate-limit.ts';
import { repeats } from './phases/repeats.ts';
import { effectiveMode } from './phases/story-open.ts';
import { timeToSubmit } from './phases/time-to-submit.ts';

/**
 * The moderation phases, in order (Coral's shape; docs/architecture.md, house conventions). Refusals come
 * first and cheapest; the rate limit and duplicate checks follow so that a
 * form error never costs the reader a flood wait; holds come last. The
 * story-open check and field parsing run before this list, in the service,
 * because the context is built from their results.
 */
export const PHASES: Phase[] = [
  // Proof of work or the arithmetic question: signed, bound to story and IP, unexpired.
  challenge,
  // Too quick after the form was issued.
  timeToSubmit,
  // The parent is on this story and published; replies flatten to one level.
  parent,
  // Banned email or IP.
  bans,
  // 15 s per IP and per email, N per story per minute (fails closed on Redis).
  rateLimit,
  // Same text again → 409; same text from many addresses → held.
  repeats,
  // Reject words → 422; hold words → held.
  words,
  // More than maxLinks links → held.
  links,
  // Staff-like names → held.
  confusableName,
  // Honeypot filled → spam.
  honeypot,
];

export async function runPipeline(ctx: PhaseContext): Promise<void> {
  for (const phase of PHASES) await phase(ctx);
}

/** The status a comment gets once every phase has passed. */
export function finalStatus(ctx: Pick<PhaseContext, 'verdict' | 'article' | 'siteDefaultMode'>): CommentStatus {
  const v = ctx.verdict;
  if (v.spam) return 'spam';
  if (effectiveMode(ctx.article.comment_mode, ctx.siteDefaultMode) === 'premoderated') v.held.add('premoderated');
  return v.held.size ? 'pending' : 'approved';
}
