import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../../domain/access/index.ts';
import type { ImageInfo } from '../../domain/articles/index.ts';
import type { MediaService } from '../../domain/media/index.ts';
import type { SiteSettings } from '../../domain/settings/index.ts';
import { validationError } from '../../domain/shared/errors.ts';
import { actorOf } from '../../domain/users/index.ts';
import type { AdminContext } from './context.ts';
import { field, fieldErrors, isFormError, type FieldErrors } from './forms.ts';
import { requireCapability, staffOf } from './guard.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from './layout.tsx';
import { ImageChoices, imageChoicesFor } from './media/image-choices.tsx';
import { logoUrlOf } from './media/thumb.ts';

const IMAGE_ID = /^\d{1,15}$/;
const TEXT_FIELDS = ['name', 'tagline', 'timeZone', 'language', 'logoUrl'] as const;
/** Confidence thresholds an editor can pick (findings below are hidden); 0.5 is the measured default. */
const CONFIDENCE_LEVELS = [
  ['0', 'Show every finding, however unsure'],
  ['0.5', 'Hide the least certain findings (default)'],
  ['0.7', 'Only findings the checks are fairly sure of'],
  ['0.9', 'Only near-certain findings'],
] as const;
const COMMENT_MODES = [
  ['premoderated', 'Held for moderation (pre-moderated)'],
  ['open', 'Published at once'],
  ['closed', 'Closed'],
] as const;

interface LogoChoice {
  images: ImageInfo[];
  /** The library image whose logo file is the current logo, '' when none is. */
  picked: string;
}

/** Roles that must have a second factor: one checkbox per role; the hidden marker tells "none ticked" from a form without the fieldset. */
function FactorRolesField(p: { picked: readonly string[]; error?: string }) {
  return (
    <fieldset class={p.error ? 'field field-invalid' : 'field'}>
      <legend>Require a second factor for</legend>
      {p.error ? <p class="field-error">{p.error}</p> : null}
      <input type="hidden" name="factorRolesShown" value="1" />
      {ROLES.map((role) => (
        <label class="field-check">
          <input type="checkbox" name="requireSecondFactorRoles" value={role} checked={p.picked.includes(role)} /> {role}
        </label>
      ))}
      <p class="field-hint">Members of a ticked role who have neither an authenticator app nor a passkey are sent, right after their password, to set one up, and can open nothing else until they have. Changes are in the audit log.</p>
    </fieldset>
  );
}

/** The moderators' digest: off, or daily at a whole hour of the edition's zone. */
function DigestField(p: { value: string; timeZone: string; error?: string }) {
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for="f-moderatorDigestHour">Moderator digest</label>
      {p.error ? <p class="field-error">{p.error}</p> : null}
      <select id="f-moderatorDigestHour" name="moderatorDigestHour">
        <option value="off" selected={p.value === 'off'}>
          Off
        </option>
        {Array.from({ length: 24 }, (_, h) => (
          <option value={String(h)} selected={p.value === String(h)}>
            Daily at {String(h).padStart(2, '0')}:00
          </option>
        ))}
      </select>
      <p class="field-hint">An email to every moderator and admin saying how many comments wait, story by story, with a link to the desk; none on days nothing waits. The hour is in the edition’s time zone ({p.timeZone}). Needs mail (SMTP_URL).</p>
    </div>
  );
}

/** A posted digest choice: `off` is null, an hour is a number, anything else NaN (refused by the settings); undefined when the form had no such field. */
function postedDigestHour(raw: string): { moderatorDigestHour?: number | null } {
  if (raw === '') return {};
  return { moderatorDigestHour: raw === 'off' ? null : /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN };
}

/** The ticked roles of a posted form (one value or several), or undefined when the form had no such fieldset. */
function postedFactorRoles(body: unknown): string[] | undefined {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (b.factorRolesShown !== '1') return undefined;
  const v = b.requireSecondFactorRoles;
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
}

function SettingsForm(p: { csrf: string; values: Record<string, string>; factorRoles: readonly string[]; logo: LogoChoice; errors?: FieldErrors; saved?: boolean; mailOn: boolean }) {
  const e = p.errors ?? {};
  const v = p.values;
  return (
    <>
      {p.saved ? <Notice kind="success">Settings saved.</Notice> : null}
      {Object.keys(e).length ? <Notice kind="error">Please correct the fields marked below.</Notice> : null}
      {p.mailOn ? null : (
        <Notice kind="info">
          Mail is not configured: set SMTP_URL (and MAIL_FROM) and restart to send password resets, invitations and comment notifications. Until then the comment form tells readers it sends no email.
        </Notice>
      )}
      <form method="post" action="/admin/settings" class="stack-form" novalidate>
        <CsrfField token={p.csrf} />
        <TextField name="name" label="Site name" value={v.name} error={e.name} required maxLength={120} />
        <TextField name="tagline" label="Tagline" value={v.tagline} error={e.tagline} maxLength={300} />
        <TextField name="timeZone" label="Time zone" value={v.timeZone} error={e.timeZone} hint="IANA name, e.g. Asia/Tehran or Europe/London. Every date on the site is shown in it." required />
        <TextField name="language" label="Language" value={v.language} error={e.language} hint="BCP 47 tag, e.g. en, fa, ar-EG." required />
        <div class={e.commentDefault ? 'field field-invalid' : 'field'}>
          <label for="f-commentDefault">New comments by default</label>
          {e.commentDefault ? <p class="field-error">{e.commentDefault}</p> : null}
          <select id="f-commentDefault" name="commentDefault">
            {COMMENT_MODES.map(([value, label]) => (
              <option value={value} selected={v.commentDefault === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-check">
          <label>
            <input type="checkbox" name="blockPublishOnCheckErrors" value="on" checked={v.blockPublishOnCheckErrors === 'on'} /> Editorial-check errors block publishing
          </label>
          <p class="field-hint">When on, a story with an error from the editorial checks (a dangling attribution, unbalanced quotation marks…) can be saved but not published or scheduled until it is fixed or the finding is dismissed with a reason. Warnings never block.</p>
        </div>
        <div class={e.checksMinConfidence ? 'field field-invalid' : 'field'}>
          <label for="f-checksMinConfidence">Editorial checks to show</label>
          {e.checksMinConfidence ? <p class="field-error">{e.checksMinConfidence}</p> : null}
          <select id="f-checksMinConfidence" name="checksMinConfidence">
            {[...CONFIDENCE_LEVELS, ...(CONFIDENCE_LEVELS.some(([c]) => Number(c) === Number(v.checksMinConfidence)) ? [] : [[v.checksMinConfidence, `At least ${v.checksMinConfidence}`] as const])].map(([value, label]) => (
              <option value={value} selected={Number(v.checksMinConfidence) === Number(value)}>
                {label}
              </option>
            ))}
          </select>
          <p class="field-hint">Each finding comes with how sure the checks are of it. A name that may or may not be one person, or a partial quote whose speaker is probably the sentence’s subject, is less certain than a missing alt text. Hidden findings never block publishing.</p>
        </div>
        <ImageChoices
          name="logoImage"
          legend="Logo"
          images={p.logo.images}
          value={p.logo.picked}
          error={e.logoImage}
          hint="Shown in the masthead in place of the site name (which stays its alt text). The newest images of the media library; upload the logo there first, a PNG or WebP with a transparent background works best. None: the URL below, or the name in text."
        />
        <TextField
          name="logoUrl"
          label="Logo URL (when no image is picked above)"
          value={p.logo.picked ? '' : v.logoUrl}
          error={e.logoUrl}
          hint="A site path such as /media/logo.webp (shown in the masthead), or an https URL (given to search engines only: pages load images from this site alone). Empty for the name in text."
        />
        <FactorRolesField picked={p.factorRoles} error={e.requireSecondFactorRoles} />
        <DigestField value={v.moderatorDigestHour} timeZone={v.timeZone} error={e.moderatorDigestHour} />
        <button type="submit">Save settings</button>
      </form>
    </>
  );
}

/** Site settings (settings:write), through SettingsService.update; each change is audited with the fields it touched. */
export function registerSettingsRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { settings, media } = ctx.deps;
  const guard = { preHandler: requireCapability('settings:write') };

  /** The newest images, and which of them is the logo (or the one the form picked, if it is an id at all). */
  async function logoChoice(logoUrl: string, rawPick = ''): Promise<LogoChoice> {
    const pickedId = IMAGE_ID.test(rawPick) ? rawPick : '';
    const images = await imageChoicesFor(media, pickedId ? Number(pickedId) : null);
    const picked = pickedId || String(images.find((i) => logoUrl && logoUrlOf(i) === logoUrl)?.id ?? '');
    return { images, picked };
  }

  app.get<{ Querystring: { saved?: string } }>('/settings', guard, async (req, reply) => {
    const current = await settings.get();
    const values = formValues(current);
    const logo = await logoChoice(values.logoUrl);
    return sendAdminPage(req, reply, { title: 'Settings', current: '/admin/settings', content: <SettingsForm csrf={req.adminCsrf!} values={values} factorRoles={current.requireSecondFactorRoles} logo={logo} saved={req.query.saved === '1'} mailOn={ctx.deps.config.smtpUrl !== null} /> });
  });

  app.post('/settings', guard, async (req, reply) => {
    const values: Record<string, string> = {};
    for (const k of [...TEXT_FIELDS, 'commentDefault', 'blockPublishOnCheckErrors', 'checksMinConfidence', 'moderatorDigestHour'] as const) values[k] = field(req.body, k);
    const pickedId = field(req.body, 'logoImage');
    const factorRoles = postedFactorRoles(req.body);
    try {
      if (pickedId) values.logoUrl = logoUrlOf(await pickedImage(media, pickedId));
      // A form from before the setting existed leaves it as it is; anything else must be a number (NaN is refused).
      const { checksMinConfidence: level, moderatorDigestHour: digest, ...rest } = values;
      const patch = { ...rest, ...postedDigestHour(digest), ...(factorRoles ? { requireSecondFactorRoles: factorRoles as Role[] } : {}), blockPublishOnCheckErrors: values.blockPublishOnCheckErrors === 'on', ...(level === '' ? {} : { checksMinConfidence: /^\d+(?:\.\d+)?$/.test(level) ? Number(level) : Number.NaN }) };
      await settings.update(patch as unknown as Partial<SiteSettings>, actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      const logo = await logoChoice(values.logoUrl, pickedId);
      return sendAdminPage(req, reply, { title: 'Settings', current: '/admin/settings', status: e.status, content: <SettingsForm csrf={req.adminCsrf!} values={values} factorRoles={factorRoles ?? (await settings.get()).requireSecondFactorRoles} logo={logo} errors={fieldErrors(e)} mailOn={ctx.deps.config.smtpUrl !== null} /> });
    }
    return reply.code(303).header('location', '/admin/settings?saved=1').send();
  });
}

/** The settings as the form's strings (a checkbox is `on` or ''). */
function formValues(s: SiteSettings): Record<string, string> {
  const { blockPublishOnCheckErrors, checksMinConfidence, moderatorDigestHour, requireSecondFactorRoles: _roles, ...text } = s;
  return { ...text, blockPublishOnCheckErrors: blockPublishOnCheckErrors ? 'on' : '', checksMinConfidence: String(checksMinConfidence), moderatorDigestHour: moderatorDigestHour === null ? 'off' : String(moderatorDigestHour) };
}

/** The library image a form picked, or a 422 by the picker. */
async function pickedImage(media: MediaService, raw: string): Promise<ImageInfo> {
  const image = IMAGE_ID.test(raw) ? await media.get(Number(raw)).catch(() => null) : null;
  if (!image) throw validationError([{ field: 'logoImage', message: 'is not an image of the media library' }]);
  return image;
}
