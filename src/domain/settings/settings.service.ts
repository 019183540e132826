import type { Db, Q } from '../../storage/index.ts';
import { isRole, ROLES, type Role } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../editorial-checks/index.ts';
import type { Clock } from '../shared/clock.ts';
import { validationError, type FieldProblem } from '../shared/errors.ts';
import { isValidTimeZone } from '../shared/time.ts';

/** Site-wide settings an admin changes at run time (stored in the database, not the environment). */
export interface SiteSettings {
  name: string;
  tagline: string;
  /** IANA zone of the edition: every date on the site is shown in it. */
  timeZone: string;
  /** BCP 47 language of the edition. */
  language: string;
  /** Default comment mode for stories set to `default`. */
  commentDefault: 'open' | 'premoderated' | 'closed';
  /** Publisher logo for JSON-LD and the masthead (site-relative path or URL; empty for text only). */
  logoUrl: string;
  /** When on, editorial-check errors (not warnings, not dismissed ones) refuse publishing and scheduling. */
  blockPublishOnCheckErrors: boolean;
  /**
   * Editorial-check findings less certain than this (0 to 1) are not shown,
   * nor do they block publishing: an editor cannot act on what is hidden.
   */
  checksMinConfidence: number;
  /** Staff of these roles must have a second factor (TOTP or a passkey): without one they can only enrol. */
  requireSecondFactorRoles: readonly Role[];
  /** The hour (0–23, edition time zone) of the daily email to moderators of the comments waiting; null: no digest. */
  moderatorDigestHour: number | null;
}

export const DEFAULT_SETTINGS: SiteSettings = Object.freeze({
  name: 'The Dateline Daily',
  tagline: 'News from the city and the world',
  timeZone: 'UTC',
  language: 'en',
  commentDefault: 'premoderated',
  logoUrl: '',
  blockPublishOnCheckErrors: false,
  checksMinConfidence: DEFAULT_MIN_CONFIDENCE,
  requireSecondFactorRoles: [],
  moderatorDigestHour: null,
});

const KEY = 'site';

/** A path on this site (`/media/…`, shown in the masthead) or an https URL (search-engine data only: the CSP serves images from this site). */
export function isLogoUrl(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 2048 || /[\s\\<>"']/.test(v)) return false;
  if (v === '' || /^\/(?!\/)/.test(v)) return true;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}

function check(s: SiteSettings): SiteSettings {
  const problems: FieldProblem[] = [];
  if (typeof s.name !== 'string' || !s.name.trim() || s.name.length > 120) problems.push({ field: 'name', message: 'must be 1 to 120 characters' });
  if (typeof s.tagline !== 'string' || s.tagline.length > 300) problems.push({ field: 'tagline', message: 'must be at most 300 characters' });
  if (typeof s.timeZone !== 'string' || !isValidTimeZone(s.timeZone)) problems.push({ field: 'timeZone', message: 'must be an IANA time zone such as Asia/Tehran' });
  if (typeof s.language !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s.language)) problems.push({ field: 'language', message: 'must be a BCP 47 tag' });
  if (!['open', 'premoderated', 'closed'].includes(s.commentDefault)) problems.push({ field: 'commentDefault', message: 'must be open, premoderated or closed' });
  if (!isLogoUrl(s.logoUrl)) problems.push({ field: 'logoUrl', message: 'must be empty, a site path such as /media/logo.webp, or an https URL' });
  if (typeof s.blockPublishOnCheckErrors !== 'boolean') problems.push({ field: 'blockPublishOnCheckErrors', message: 'must be true or false' });
  if (typeof s.checksMinConfidence !== 'number' || !(s.checksMinConfidence >= 0 && s.checksMinConfidence <= 1)) {
    problems.push({ field: 'checksMinConfidence', message: 'must be a number from 0 to 1' });
  }
  const hour = s.moderatorDigestHour;
  if (hour !== null && !(Number.isInteger(hour) && hour >= 0 && hour <= 23)) problems.push({ field: 'moderatorDigestHour', message: 'must be off or an hour from 0 to 23' });
  const roles = s.requireSecondFactorRoles;
  if (!Array.isArray(roles) || !roles.every(isRole) || new Set(roles).size !== roles.length) {
    problems.push({ field: 'requireSecondFactorRoles', message: `must be a list of distinct roles: ${ROLES.join(', ')}` });
  }
  if (problems.length) throw validationError(problems);
  // One order, so an unchanged choice reads as unchanged.
  return { ...s, requireSecondFactorRoles: ROLES.filter((r) => roles.includes(r)) };
}

/**
 * Settings are read on every page, so they are held in memory and reloaded
 * when the change feed brings a settings change, from whichever instance.
 */
export class SettingsService {
  private cached: SiteSettings | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      changes: ChangeNotifier;
      /** Work a change brings with it, in the change's transaction (the comment digest's next run): both commit or neither. */
      onSaved?: (trx: Q, before: SiteSettings, after: SiteSettings) => Promise<void>;
    },
  ) {}

  async get(): Promise<SiteSettings> {
    if (this.cached) return this.cached;
    const row = await this.deps.db.kysely.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
    const stored = row ? (JSON.parse(row.value) as Partial<SiteSettings>) : {};
    this.cached = Object.freeze({ ...DEFAULT_SETTINGS, ...stored });
    return this.cached;
  }

  /** Forget the cached copy (another instance or process changed it). */
  invalidate(): void {
    this.cached = null;
  }

  /** `actor` is who did it (`user:12`): a change is audited with the settings it touched, in the same transaction. */
  async update(patch: Partial<SiteSettings>, actor = 'system'): Promise<SiteSettings> {
    const allowed = Object.keys(DEFAULT_SETTINGS);
    const unknown = Object.keys(patch).filter((k) => !allowed.includes(k));
    if (unknown.length) throw validationError(unknown.map((field) => ({ field, message: 'is not a site setting' })));
    this.invalidate();
    const before = await this.get();
    const next = check({ ...before, ...patch });
    const changed = allowed.filter((k) => JSON.stringify(next[k as keyof SiteSettings]) !== JSON.stringify(before[k as keyof SiteSettings]));
    if (!changed.length) return before;
    const at = this.deps.clock.now().toISOString();
    const value = JSON.stringify(next);
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: KEY, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
      await this.deps.onSaved?.(trx, before, next);
      await recordAudit(trx, at, { actor, action: 'settings.update', targetType: 'settings', targetId: KEY, detail: { changed } });
      // Every page shows the site's name and chrome: this purges them all.
      await recordChange(trx, at, { kind: 'settings', id: KEY, action: 'updated', tags: [cacheTag.settings] });
    });
    this.invalidate();
    await this.deps.changes.committed();
    return this.get();
  }
}
