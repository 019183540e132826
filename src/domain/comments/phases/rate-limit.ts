import { commentError } from '../comments.errors.ts';
import type { PhaseContext } from '../pipeline.types.ts';

const flood = (ms: number) => commentError('comment_flood', 'body', 'You are posting comments too quickly. Please wait a moment.', Math.max(1, Math.ceil(ms / 1000)));

/**
 * WordPress's 15 seconds between comments, keyed on the reader: the pair
 * (IP, email), and the email alone (so rotating IPs with one email does not
 * help). Not on the IP alone: readers behind one office or carrier address
 * would wait on each other. One IP is instead capped per minute
 * (addressPerMinute), so rotating emails from one machine still stops, and
 * each story has a cap against a swarm. Runs after the cheap refusals so a
 * reader fixing a form error is not then told to wait.
 */
export async function rateLimit(ctx: Pick<PhaseContext, 'limiter' | 'ipHash' | 'emailHash' | 'article' | 'rules' | 'now'>): Promise<void> {
  const { limiter, rules } = ctx;
  const now = ctx.now.getTime();
  const interval = rules.floodSeconds * 1000;
  if (interval > 0) {
    const reader = await limiter.spacing(`rd:${ctx.ipHash}:${ctx.emailHash}`, interval, now);
    if (reader > 0) throw flood(reader);
    const email = await limiter.spacing(`em:${ctx.emailHash}`, interval, now);
    if (email > 0) throw flood(email);
  }
  const address = await limiter.window(`ip:${ctx.ipHash}`, 60_000, rules.addressPerMinute, now);
  if (address > 0) throw flood(address);
  const story = await limiter.window(`st:${ctx.article.id}`, 60_000, rules.storyPerMinute, now);
  if (story > 0) throw flood(story);
}
