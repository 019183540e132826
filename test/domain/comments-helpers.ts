import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import type { TestApp } from '../helpers/dialects.ts';

/** Solves a proof-of-work challenge the way the widget does, and encodes the payload it would post. */
export async function solvePow(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
}

/** Cheap proof of work for tests, and no per-story cap in the way. */
export async function easyRules(app: TestApp): Promise<void> {
  await app.comments.settings.updateRules({ powCost: 10, powMaxCounter: 40, storyPerMinute: 10_000 });
}

export async function publishedStory(app: TestApp, headline = 'Council votes on budget', commentMode = 'default'): Promise<number> {
  const a = await app.articles.create(parseArticleInput({ headline, bodyMarkdown: 'Text.', status: 'published', commentMode }, 'create'), 'test');
  return a.id;
}

export async function commentCount(app: TestApp): Promise<number> {
  const r = await app.db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

let ipSeq = 1;
/** A fresh client address per call, so tests do not trip each other's flood limits. */
export function nextIp(): string {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
}

/** A valid submission with a solved challenge, issued `ageMs` before the app clock's now. */
export async function validPost(app: TestApp, articleId: number, ip: string, fields: Record<string, unknown> = {}) {
  const challenge = await app.comments.powChallenge(articleId, ip);
  app.clock.advance(5_000);
  return { articleId, ip, raw: { name: 'Dana Reader', email: `reader${ipSeq}@example.org`, body: `A thoughtful comment ${Math.random()}`, altcha: await solvePow(challenge), ...fields } };
}
