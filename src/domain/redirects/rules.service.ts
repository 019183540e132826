import type { Db } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { RedirectRuleRow } from '../../storage/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Q } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { rulesFromCsv, rulesToCsv } from './csv.ts';
import { rulesFromGhostRedirects } from './ghost-redirects.ts';
import { findLoop, MAX_HOPS, parseRule, RuleSet, type RawRule, type RedirectRule, type RuleInput, type RuleMatch, type RuleStatus } from './rules.ts';
import { deleteRuleRow, findRuleRow, insertRuleRow, listRuleRows, lockRules, updateRuleRow, upsertRuleRow } from './rules.repo.ts';

export function ruleFromRow(r: RedirectRuleRow): RedirectRule {
  return { id: r.id, match: r.match as RuleMatch, source: r.source, target: r.target, status: r.status_code as RuleStatus, createdAt: r.created_at, updatedAt: r.updated_at };
}

export interface RedirectRulesDeps {
  db: Db;
  clock: Clock;
  changes: ChangeNotifier;
  /** SITE_URL's origin: a target there is kept as a path; any other host needs `external`. */
  siteOrigin: string;
}

/**
 * The redirects manager (docs/redirects.md): editors' exact and prefix
 * rules. Every write re-checks the whole set for loops inside its own
 * transaction and appends a `redirect` change tagged `redirects`, so every
 * instance drops the redirects it cached before the write answers (here)
 * or within a poll (elsewhere); uncached lookups read the table each time.
 */
export class RedirectRulesService {
  constructor(private readonly deps: RedirectRulesDeps) {}

  async list(): Promise<RedirectRule[]> {
    return (await listRuleRows(this.deps.db.kysely)).map(ruleFromRow);
  }

  async get(id: number): Promise<RedirectRule> {
    const r = await findRuleRow(this.deps.db.kysely, id);
    if (!r) throw notFound(`redirect ${id}`);
    return ruleFromRow(r);
  }

  async create(raw: unknown, actor = 'system'): Promise<RedirectRule> {
    const rule = this.parse(raw);
    const id = await this.write('created', actor, async (trx, at) => {
      await this.assertNoLoop(trx, (rules) => [...rules, rule]);
      return insertRuleRow(trx, rule, at);
    });
    return this.get(id);
  }

  async update(id: number, raw: unknown, actor = 'system'): Promise<RedirectRule> {
    const before = await this.get(id);
    const rule = this.parse({ match: before.match, source: before.source, target: before.target, status: before.status, ...(raw as object) });
    await this.write('updated', actor, async (trx, at) => {
      await this.assertNoLoop(trx, (rules) => [...rules.filter((r) => r.id !== id), rule]);
      await updateRuleRow(trx, id, rule, at);
      return id;
    });
    return this.get(id);
  }

  async remove(id: number, actor = 'system'): Promise<void> {
    await this.get(id);
    await this.write('deleted', actor, async (trx) => {
      if (!(await deleteRuleRow(trx, id))) throw notFound(`redirect ${id}`);
      return id;
    });
  }

  /**
   * A CSV file, all or nothing: every row is checked (and the merged set
   * for loops) before one transaction writes them. A row with the source
   * of a stored rule replaces it, so importing an export again changes nothing.
   */
  async importCsv(text: string, actor = 'system'): Promise<{ imported: number }> {
    return this.importRules(rulesFromCsv(text, this.deps.siteOrigin), actor);
  }

  /** Ghost's redirects.json: the shapes we can keep become rules, the rest are listed as skipped (ghost-redirects.ts). */
  async importGhost(text: string, opts: { external?: boolean } = {}, actor = 'system'): Promise<{ imported: number; skipped: string[] }> {
    const { rules, skipped } = rulesFromGhostRedirects(text, this.deps.siteOrigin, opts.external === true);
    const seen = new Set<string>();
    // Ghost applies the first match; so do we, by keeping the first of two entries for one source.
    const unique = rules.filter((r) => !seen.has(`${r.match} ${r.source}`) && seen.add(`${r.match} ${r.source}`));
    return { ...(unique.length ? await this.importRules(unique, actor) : { imported: 0 }), skipped };
  }

  private async importRules(incoming: RuleInput[], actor: string): Promise<{ imported: number }> {
    await this.write('imported', actor, async (trx, at) => {
      const keys = new Set(incoming.map((r) => `${r.match} ${r.source}`));
      await this.assertNoLoop(trx, (rules) => [...rules.filter((r) => !keys.has(`${r.match} ${r.source}`)), ...incoming]);
      for (const r of incoming) await upsertRuleRow(trx, r, at);
      return 0;
    });
    return { imported: incoming.length };
  }

  async exportCsv(): Promise<string> {
    return rulesToCsv(await this.list());
  }

  private parse(raw: unknown): RuleInput {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw validationError([{ field: 'body', message: 'the request body must be a JSON object' }]);
    const allowed = new Set(['match', 'source', 'target', 'status', 'external']);
    const extra = Object.keys(raw).filter((k) => !allowed.has(k));
    if (extra.length) throw validationError(extra.map((field) => ({ field, message: 'is not an accepted field' })));
    const { rule, problems } = parseRule(raw as RawRule, this.deps.siteOrigin);
    if (!rule) throw validationError(problems);
    return rule;
  }

  private async assertNoLoop(trx: Q, next: (rules: RedirectRule[]) => RuleInput[]): Promise<void> {
    await lockRules(trx, this.deps.db.caps.rowLocks);
    const rules = next((await listRuleRows(trx)).map(ruleFromRow));
    // Newest last in `rules`: starting there names the chain from the rule being written.
    const loop = findLoop(new RuleSet(rules), [...rules].reverse());
    if (loop) {
      const why = loop.tooLong ? `through more than ${MAX_HOPS} redirects` : 'in a loop';
      throw new AppError('VALIDATION_FAILED', `This would send readers ${why}: ${loop.chain.slice(0, MAX_HOPS + 2).join(' → ')}`, { field: 'target' });
    }
  }

  private async write(action: string, actor: string, fn: (trx: Q, at: string) => Promise<number>): Promise<number> {
    const at = this.deps.clock.now().toISOString();
    let id: number;
    try {
      id = await this.deps.db.kysely.transaction().execute(async (trx) => {
        const ruleId = await fn(trx, at);
        await recordAudit(trx, at, { actor, action: `redirect.${action}`, targetType: 'redirect', targetId: ruleId, detail: {} });
        await recordChange(trx, at, { kind: 'redirect', id: ruleId, action, tags: [cacheTag.redirects] });
        return ruleId;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'a rule for this source exists; edit that one', { field: 'source' });
      throw e;
    }
    await this.deps.changes.committed();
    return id;
  }
}
