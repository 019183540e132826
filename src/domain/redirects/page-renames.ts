import type { Q } from '../../storage/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange } from '../changes/index.ts';
import { AppError } from '../shared/errors.ts';
import { findLoop, MAX_HOPS, parseRule, RuleSet } from './rules.ts';
import { deleteExactRule, listRuleRows, lockRules, retargetExactRules, upsertRuleRow } from './rules.repo.ts';
import { ruleFromRow } from './rules.service.ts';

export interface AddressMove {
  /** Slugs of the page before and after the save. */
  from: string;
  to: string;
  at: string;
  actor: string;
  /** PostgreSQL: take the rules table's lock first, as every rule writer does. */
  rowLocks: boolean;
}

/**
 * A public page moved from `/from` to `/to`, in the saving transaction: links
 * and bookmarks to the old address must keep working, so `/from` becomes an
 * exact 301 rule to `/to`. Renames in a row must not become a chain of hops
 * (`/a → /b → /c`) or a loop (`/a → /b`, then renamed back to `/a`), so
 * every exact rule that pointed at `/from` is pointed at `/to`, and a rule
 * whose source is `/to` is removed: the page answers there now. The result
 * goes through the same whole-set loop check as an editor's rule (an
 * editor's prefix rule could still close a loop), and a loop refuses the
 * save with the chain named.
 */
export async function redirectMovedPage(trx: Q, move: AddressMove): Promise<void> {
  const { rule } = parseRule({ source: `/${move.from}`, target: `/${move.to}`, status: 301 }, '');
  // Page slugs are canonical and never a name the site owns, so parseRule accepts them; a refusal here is a bug to surface, not to hide.
  if (!rule) throw new Error(`cannot redirect page address /${move.from} to /${move.to}`);
  await lockRules(trx, move.rowLocks);
  await deleteExactRule(trx, rule.target);
  await retargetExactRules(trx, rule.source, rule.target, move.at);
  await upsertRuleRow(trx, rule, move.at);
  const rules = (await listRuleRows(trx)).map(ruleFromRow);
  const loop = findLoop(new RuleSet(rules), rules);
  if (loop) {
    const why = loop.tooLong ? `through more than ${MAX_HOPS} redirects` : 'in a loop';
    throw new AppError('VALIDATION_FAILED', `Moving this page would send readers ${why}: ${loop.chain.slice(0, MAX_HOPS + 2).join(' → ')}; change the redirect rules first`, { field: 'slug' });
  }
  const id = rules.find((r) => r.match === 'exact' && r.source === rule.source)!.id;
  await recordAudit(trx, move.at, { actor: move.actor, action: 'redirect.page-moved', targetType: 'redirect', targetId: id, detail: { from: rule.source, to: rule.target } });
  // Cached answers for the old address (and for any rule retargeted here) go on every instance.
  await recordChange(trx, move.at, { kind: 'redirect', id, action: 'page-moved', tags: [cacheTag.redirects] });
}
