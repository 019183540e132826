import { commentError } from '../comments.errors.ts';
import { isBanned } from '../comments.repo.ts';
import type { PhaseContext } from '../pipeline.types.ts';

export async function bans(ctx: Pick<PhaseContext, 'db' | 'emailHash' | 'ipHash'>): Promise<void> {
  if (await isBanned(ctx.db, { email: ctx.emailHash, ip: ctx.ipHash })) {
    throw commentError('commenter_banned', 'email', 'Comments from this address are not accepted.');
  }
}
