import { commentError } from '../comments.errors.ts';
import type { PhaseContext } from '../pipeline.types.ts';

/** Distinct addresses posting one text within the window before it looks like a botnet. */
const BOTNET_SOURCES = 3;
const BOTNET_WINDOW_MS = 60 * 60_000;

/** How far back the same text is looked for (PhaseContext.record reads from here). */
export function sameTextSince(now: Date, rules: Pick<PhaseContext['rules'], 'duplicateSeconds'>): string {
  return new Date(now.getTime() - Math.max(rules.duplicateSeconds * 1000, BOTNET_WINDOW_MS)).toISOString();
}

/**
 * The same text again from the same commenter on the same story → 409
 * (WordPress/Coral). The same text from several addresses → held.
 */
export async function repeats(ctx: Pick<PhaseContext, 'record' | 'ipHash' | 'emailHash' | 'article' | 'rules' | 'now' | 'verdict'>): Promise<void> {
  const now = ctx.now.getTime();
  const rows = (await ctx.record()).sameText;
  if (!rows.length) return;
  const dupSince = new Date(now - ctx.rules.duplicateSeconds * 1000).toISOString();
  if (rows.some((r) => r.created_at >= dupSince && r.article_id === ctx.article.id && (r.ip_hash === ctx.ipHash || r.email_hash === ctx.emailHash))) {
    throw commentError('duplicate_comment', 'body', 'You have already posted this comment.');
  }
  const sources = new Set(rows.map((r) => r.ip_hash));
  sources.add(ctx.ipHash);
  if (sources.size >= BOTNET_SOURCES) ctx.verdict.held.add('repeated_text');
}
