import type { Db } from '../../storage/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { notFound, validationError } from '../shared/errors.ts';
import { transliterationKey, type HouseSpellings } from '../transliteration/index.ts';
import {
  deleteHouseSpellingRow, findHouseSpellingRow, listHouseSpellingRows, upsertHouseSpellingRow, type HouseSpellingRecord,
} from './house-spellings.repo.ts';

export interface HouseSpellingsDeps {
  db: Db;
  clock: Clock;
  changes: ChangeNotifier;
  /** How long another instance's edits may take to show here (ms), if the change feed's refresh is missed. */
  ttlMs?: number;
}

export const MAX_SPELLING_CHARS = 100;
// Control, format (bidi overrides, zero-width) and line separators have no place in a name.
const FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** The editor types only the preferred spelling; its key is computed, so two spellings of one name cannot both be "preferred". */
export function parseSpelling(raw: unknown): { key: string; spelling: string } {
  const field = 'spelling';
  if (typeof raw !== 'string') throw validationError([{ field, message: 'give the preferred spelling as text' }]);
  if (FORBIDDEN.test(raw)) throw validationError([{ field, message: 'control or invisible formatting characters are not allowed' }]);
  const spelling = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (spelling.length < 1 || spelling.length > MAX_SPELLING_CHARS) {
    throw validationError([{ field, message: `a spelling is 1 to ${MAX_SPELLING_CHARS} characters` }]);
  }
  if (!/\p{L}/u.test(spelling)) throw validationError([{ field, message: 'a spelling needs at least one letter' }]);
  const key = transliterationKey(spelling);
  if (!key) throw validationError([{ field, message: 'this spelling has no transliteration key' }]);
  return { key, spelling };
}

/**
 * The newsroom's preferred spelling per transliteration key (docs/search.md).
 * `preferredFor` is synchronous (the `HouseSpellings` port used by editorial
 * checks and search), so it reads an in-memory copy; `refresh()` reloads it
 * when it is older than the TTL, and local writes reload it at once.
 */
export class HouseSpellingsService implements HouseSpellings {
  private byKey = new Map<string, string>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(private readonly deps: HouseSpellingsDeps) {}

  preferredFor(key: string): string | undefined {
    return this.byKey.get(key);
  }

  async refresh(force = false): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (!force && now - this.loadedAt < (this.deps.ttlMs ?? 5000) && now >= this.loadedAt) return;
    this.loading ??= listHouseSpellingRows(this.deps.db.kysely)
      .then((rows) => {
        this.byKey = new Map(rows.map((r) => [r.key, r.spelling]));
        this.loadedAt = this.deps.clock.now().getTime();
      })
      .finally(() => {
        this.loading = null;
      });
    await this.loading;
  }

  async list(): Promise<HouseSpellingRecord[]> {
    return listHouseSpellingRows(this.deps.db.kysely);
  }

  async get(key: string): Promise<HouseSpellingRecord> {
    const r = typeof key === 'string' && key.length <= 300 ? await findHouseSpellingRow(this.deps.db.kysely, key) : undefined;
    if (!r) throw notFound('house spelling');
    return r;
  }

  /** Sets the preferred spelling for its key; `created` is false when it replaced one. */
  async put(raw: unknown, actor: string): Promise<{ record: HouseSpellingRecord; created: boolean }> {
    const { key, spelling } = parseSpelling(raw);
    const at = this.deps.clock.now().toISOString();
    const record: HouseSpellingRecord = { key, spelling, updatedAt: at, updatedBy: actor };
    const created = await this.deps.db.kysely.transaction().execute(async (trx) => {
      const before = await findHouseSpellingRow(trx, key);
      await upsertHouseSpellingRow(trx, record);
      await recordAudit(trx, at, { actor, action: 'house_spelling.put', targetType: 'house_spelling', targetId: key, detail: { spelling, before: before?.spelling ?? null } });
      await recordChange(trx, at, { kind: 'house-spelling', id: key, action: 'updated', tags: [cacheTag.search] });
      return !before;
    });
    await this.refresh(true);
    await this.deps.changes.committed();
    return { record, created };
  }

  /** Removes by key, or by any spelling of the name (its key is computed). */
  async remove(ref: { key?: unknown; spelling?: unknown }, actor: string): Promise<void> {
    const key = typeof ref.key === 'string' && ref.key ? ref.key : ref.spelling !== undefined ? parseSpelling(ref.spelling).key : '';
    if (!key || key.length > 300) throw validationError([{ field: 'key', message: 'give the key or a spelling of the name' }]);
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      if (!(await deleteHouseSpellingRow(trx, key))) throw notFound('house spelling');
      await recordAudit(trx, at, { actor, action: 'house_spelling.delete', targetType: 'house_spelling', targetId: key });
      await recordChange(trx, at, { kind: 'house-spelling', id: key, action: 'deleted', tags: [cacheTag.search] });
    });
    await this.refresh(true);
    await this.deps.changes.committed();
  }
}
