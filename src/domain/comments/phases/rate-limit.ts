import { commentError } from '../comments.errors.ts';
import type { PhaseContext } from '../pipeline.types.ts';

const flood = (ms: number) => commentError('comment_flood', 'body', 'You are posting comments too quickly. Please wait a moment.', Math.max(1, Math.ceil(ms / 1000)));

/**
 * WordPress's 15 seconds between comments, keyed on the IP and on the email
 * (so rotating IPs with one address does not help), plus a per-story cap
 * against a swarm on one story. Runs after the cheap refusals so a reader
 * fixing a form error is not then told to wait.
 */
export async function rateLimit(ctx: Pick<PhaseContext, 'limiter' | 'ipHash' | 'emailHash' | 'article' | 'rules' | 'now'>): Promise<void> {
  const { limiter, rules } = ctx;
  const now = ctx.now.getTime();
  const interval = rules.floodSeconds * 1000;
  if (interval > 0) {
    const ip = await limiter.spacing(`ip:${ctx.ipHash}`, interval, now);
    if (ip > 0) throw flood(ip);
    const email = await limiter.spacing(`em:${ctx.emailHash}`, interval, now);
    if (email > 0) throw flood(email);
  }
  const story = await limiter.window(`st:${ctx.article.id}`, 60_000, rules.storyPerMinute, now);
  if (story > 0) throw flood(story);
}
