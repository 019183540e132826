import { validationError, type FieldProblem } from '../shared/errors.ts';
import { MAX_TOP_STORIES, type FrontPageChoices, type SectionLeadChoice, type StoryChoice } from './front-page.types.ts';

/** An instant with its offset (`2026-05-21T18:00:00Z`, `…+04:30`): a time without one would mean a different moment on every server. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const KEYS = ['lead', 'top', 'sectionOrder', 'sectionLeads'];
/** More sections than any paper has: bounds the work one request can ask for. */
const MAX_SECTIONS = 200;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/**
 * The shape of a front-page change, as the Admin API sends it and the
 * newsroom form is turned into. Keys left out keep their current choices;
 * `null` or `[]` clears them. Whether the stories and sections exist and may
 * go there is the service's check, made against the database.
 */
export function parseChoicesInput(raw: unknown): Partial<FrontPageChoices> {
  if (!isObject(raw)) throw validationError([{ field: 'body', message: 'the request body must be a JSON object' }]);
  const problems: FieldProblem[] = [];
  const out: Partial<FrontPageChoices> = {};
  for (const k of Object.keys(raw)) if (!KEYS.includes(k)) problems.push({ field: k, message: `is not an accepted field (accepted: ${KEYS.join(', ')})` });

  const until = (v: unknown, field: string): Date | null => {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' || !INSTANT.test(v) || Number.isNaN(Date.parse(v))) {
      problems.push({ field, message: 'must be a date and time with its offset, like 2026-05-21T18:00:00Z, or null' });
      return null;
    }
    return new Date(v);
  };
  const story = (v: unknown, field: string): StoryChoice | null => {
    if (!isObject(v) || !isId(v.story)) {
      problems.push({ field, message: 'must be {"story": <story id>, "pinnedUntil": <time or null>}' });
      return null;
    }
    return { storyId: v.story, pinnedUntil: until(v.pinnedUntil, `${field}.pinnedUntil`) };
  };

  if (raw.lead !== undefined) out.lead = raw.lead === null ? null : story(raw.lead, 'lead');
  if (raw.top !== undefined) {
    if (!Array.isArray(raw.top)) problems.push({ field: 'top', message: 'must be a list of stories' });
    else if (raw.top.length > MAX_TOP_STORIES) problems.push({ field: 'top', message: `at most ${MAX_TOP_STORIES} top stories (${raw.top.length} given)` });
    else out.top = raw.top.map((t, i) => story(t, `top[${i}]`)).filter((t): t is StoryChoice => t !== null);
  }
  if (raw.sectionOrder !== undefined) {
    const o = raw.sectionOrder;
    if (o === null) (out.sectionOrder = []), (out.sectionOrderUntil = null);
    else if (!isObject(o) || !Array.isArray(o.sections) || o.sections.length > MAX_SECTIONS || !o.sections.every(isId)) {
      problems.push({ field: 'sectionOrder', message: 'must be {"sections": [section ids, first block first], "pinnedUntil": <time or null>}' });
    } else {
      out.sectionOrder = o.sections as number[];
      out.sectionOrderUntil = until(o.pinnedUntil, 'sectionOrder.pinnedUntil');
    }
  }
  if (raw.sectionLeads !== undefined) {
    if (!Array.isArray(raw.sectionLeads) || raw.sectionLeads.length > MAX_SECTIONS) problems.push({ field: 'sectionLeads', message: 'must be a list of {"section", "story", "pinnedUntil"}' });
    else {
      out.sectionLeads = raw.sectionLeads
        .map((l, i): SectionLeadChoice | null => {
          const s = story(l, `sectionLeads[${i}]`);
          if (!s) return null;
          const section = (l as Record<string, unknown>).section;
          if (!isId(section)) return (problems.push({ field: `sectionLeads[${i}].section`, message: 'must be a section id' }), null);
          return { ...s, sectionId: section };
        })
        .filter((l): l is SectionLeadChoice => l !== null);
    }
  }
  if (problems.length) throw validationError(problems);
  return out;
}
