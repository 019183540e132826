import { commentError } from '../comments.errors.ts';
import type { PhaseContext } from '../pipeline.types.ts';

/**
 * Proof of work when the widget ran, else the arithmetic question. Both are
 * checked here and spent only in the commit transaction, so a submission
 * refused by a later phase leaves its challenge usable for the corrected form.
 */
export async function challenge(ctx: Pick<PhaseContext, 'raw' | 'article' | 'ipHash' | 'now' | 'challenges' | 'verdict'>): Promise<void> {
  const { raw, article, ipHash, challenges } = ctx;
  const now = ctx.now.getTime();
  if (typeof raw.altcha === 'string' && raw.altcha) {
    ctx.verdict.challenge = await challenges.verifyPow(raw.altcha, article.id, ipHash, now);
    return;
  }
  if (typeof raw.captchaId === 'string' && raw.captchaId) {
    const answer = typeof raw.captchaAnswer === 'string' ? raw.captchaAnswer : '';
    ctx.verdict.challenge = await challenges.verifyMath(raw.captchaId, answer, article.id, ipHash, now);
    return;
  }
  throw commentError('captcha_invalid', 'captcha', 'Please complete the anti-spam check.');
}
