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
export async function rateLimit(ctx: Pick<PhaseContext, 'limiter' | 'ipHash' | 'emailHash' | 'article' | 'rules' | 'now' | 'hits'>): Promise<void> {
  const { limiter, rules } = ctx;
  const at = ctx.now.getTime();
  const interval = rules.floodSeconds * 1000;
  // Each allowed hit is remembered: a comment we then fail to store gives them back (RateLimiter.refund).
  const spacing = async (key: string) => {
    const wait = await limiter.spacing(key, interval, at);
    if (wait > 0) throw flood(wait);
    ctx.hits.push({ kind: 'spacing', key, at });
  };
  const window = async (key: string, limit: number) => {
    const wait = await limiter.window(key, 60_000, limit, at);
    if (wait > 0) throw flood(wait);
    ctx.hits.push({ kind: 'window', key, windowMs: 60_000, at });
  };
  if (interval > 0) {
    await spacing(`rd:${ctx.ipHash}:${ctx.emailHash}`);
    await spacing(`em:${ctx.emailHash}`);
  }
  await window(`ip:${ctx.ipHash}`, rules.addressPerMinute);
  await window(`st:${ctx.article.id}`, rules.storyPerMinute);
}
