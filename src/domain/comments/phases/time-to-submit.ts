import { commentError } from '../comments.errors.ts';
import type { PhaseContext } from '../pipeline.types.ts';

/** Drupal Honeypot's rule: nobody reads a story and writes a comment within seconds of the form appearing. */
export function timeToSubmit(ctx: Pick<PhaseContext, 'verdict' | 'rules' | 'now'>): void {
  const issued = ctx.verdict.challenge?.issuedAt;
  if (issued === undefined) return;
  const waitMs = ctx.rules.minSubmitSeconds * 1000 - (ctx.now.getTime() - issued);
  if (waitMs > 0) {
    throw commentError('too_fast', 'body', 'That was quicker than anyone can read and write. Please wait a few seconds and send it again.', Math.ceil(waitMs / 1000));
  }
}
