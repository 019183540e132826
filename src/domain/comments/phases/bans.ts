import { commentError } from '../comments.errors.ts';
import type { PhaseContext } from '../pipeline.types.ts';

export async function bans(ctx: Pick<PhaseContext, 'record'>): Promise<void> {
  if ((await ctx.record()).banned) {
    throw commentError('commenter_banned', 'email', 'Comments from this address are not accepted.');
  }
}
