import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { findVisibleTarget } from './redirects.repo.ts';
import { canonicalPath, prefixesOf, RuleSet, type RuleOutcome } from './rules.ts';
import { candidateRuleRows } from './rules.repo.ts';
import { ruleFromRow } from './rules.service.ts';

export interface RedirectTarget {
  status: number;
  articleId: number;
  slug: string;
}

/** Where an address nothing else answers goes: an editor's rule, else an imported story's old address. */
export type AddressOutcome = ({ kind: 'rule' } & RuleOutcome) | ({ kind: 'story' } & RedirectTarget);

/**
 * Old addresses (an imported post's permalink, WordPress's `?p=ID`) and the
 * story each now lives at. Only a public story is a target: a draft's
 * address would otherwise leak its slug.
 */
export class RedirectsService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async resolve(path: string): Promise<RedirectTarget | null> {
    if (path.length > 2048) return null;
    const r = await findVisibleTarget(this.deps.db.kysely, path, this.deps.clock.now().toISOString());
    return r ? { status: r.status_code, articleId: r.id, slug: r.slug } : null;
  }

  /**
   * The one answer the public site and the admin's test view give for an
   * address (`url` with its query): an editor's rule for its path first (so
   * an editor can override what an import made), then the importer's map.
   */
  async where(url: string): Promise<AddressOutcome | null> {
    if (url.length > 2048) return null;
    const path = canonicalPath(url.replace(/[?#].*$/s, ''));
    if (path !== null) {
      const prefixes = prefixesOf(path);
      const rows = await candidateRuleRows(this.deps.db.kysely, prefixes[0], prefixes);
      const out = new RuleSet(rows.map(ruleFromRow)).resolve(path);
      if (out) return { kind: 'rule', ...out };
    }
    const story = await this.resolve(url);
    return story ? { kind: 'story', ...story } : null;
  }
}
