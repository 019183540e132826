import { utcToZonedLocal, zonedLocalToUtc } from '../../../domain/articles/index.ts';
import { MAX_TOP_STORIES, type FrontPageChoices } from '../../../domain/front-page/index.ts';
import type { Section } from '../../../domain/sections/index.ts';
import { AppError, type FieldProblem } from '../../../domain/shared/errors.ts';
import { field, type FieldErrors } from '../forms.ts';

/** The form's values as the strings its controls hold. */
export type FormValues = Record<string, string>;

export const topName = (i: number) => `top${i + 1}`;
export const orderName = (sectionId: number) => `order-${sectionId}`;
export const sectionLeadName = (sectionId: number) => `slead-${sectionId}`;
export const until = (name: string) => `${name}Until`;

/** What is stored, as the form shows it: times in the edition's zone, empty for "automatic". */
export function formValuesOf(c: FrontPageChoices, timeZone: string): FormValues {
  const local = (d: Date | null) => (d ? utcToZonedLocal(d, timeZone) : '');
  const v: FormValues = { lead: c.lead ? String(c.lead.storyId) : '', [until('lead')]: local(c.lead?.pinnedUntil ?? null), orderUntil: local(c.sectionOrderUntil) };
  c.top.forEach((t, i) => ((v[topName(i)] = String(t.storyId)), (v[until(topName(i))] = local(t.pinnedUntil))));
  c.sectionOrder.forEach((id, i) => (v[orderName(id)] = String(i + 1)));
  for (const l of c.sectionLeads) (v[sectionLeadName(l.sectionId)] = String(l.storyId)), (v[until(sectionLeadName(l.sectionId))] = local(l.pinnedUntil));
  return v;
}

export interface FormInput {
  values: FormValues;
  /** The Admin API's shape (parseChoicesInput), for FrontPageService.update. */
  raw: Record<string, unknown>;
  /** A problem's field in that shape → the form control it belongs to. */
  controlOf(problemField: string): string;
}

/**
 * The posted form as the Admin API's input, so one check serves both. Times
 * are read in the edition's zone; a time that does not exist there is
 * refused here with its control named.
 */
export function readForm(body: unknown, sections: Section[], timeZone: string): FormInput {
  const values: FormValues = {};
  const problems: FieldProblem[] = [];
  const read = (name: string) => (values[name] = field(body, name).trim());
  const story = (name: string) => {
    const id = read(name);
    const local = read(until(name));
    if (!id) return null;
    let pinnedUntil: string | null = null;
    try {
      pinnedUntil = local ? zonedLocalToUtc(local, timeZone, until(name)).toISOString() : null;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      problems.push(...e.problems);
    }
    return { story: /^\d{1,15}$/.test(id) ? Number(id) : id, pinnedUntil };
  };
  const tops: string[] = [];
  const raw: Record<string, unknown> = { lead: story('lead'), top: [] as unknown[] };
  for (let i = 0; i < MAX_TOP_STORIES; i++) {
    const t = story(topName(i));
    if (t) ((raw.top as unknown[]).push(t), tops.push(topName(i)));
  }
  const ordered = sections
    .map((s, i) => ({ id: s.id, rank: Number(read(orderName(s.id)) || Number.NaN), i }))
    .filter((x) => Number.isFinite(x.rank))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.id);
  const orderUntil = read('orderUntil');
  let orderUntilIso: string | null = null;
  try {
    orderUntilIso = orderUntil ? zonedLocalToUtc(orderUntil, timeZone, 'orderUntil').toISOString() : null;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problems.push(...e.problems);
  }
  raw.sectionOrder = { sections: ordered, pinnedUntil: orderUntilIso };
  const leads: number[] = [];
  raw.sectionLeads = sections.flatMap((s) => {
    const l = story(sectionLeadName(s.id));
    return l ? (leads.push(s.id), [{ section: s.id, ...l }]) : [];
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'Please correct the fields marked below.', { problems });
  return { values, raw, controlOf: (f) => controlOf(f, tops, ordered, leads) };
}

function controlOf(f: string, tops: string[], ordered: number[], leads: number[]): string {
  const m = /^(lead|top\[(\d+)\]|sectionLeads\[(\d+)\]|sectionOrder)(?:\.(story|pinnedUntil|section|sections\[(\d+)\]))?/.exec(f);
  if (!m) return f;
  const pin = m[4] === 'pinnedUntil';
  if (m[1] === 'lead') return pin ? until('lead') : 'lead';
  if (m[2] !== undefined) return pin ? until(tops[Number(m[2])]) : tops[Number(m[2])];
  if (m[3] !== undefined) return pin ? until(sectionLeadName(leads[Number(m[3])])) : sectionLeadName(leads[Number(m[3])]);
  return m[5] !== undefined ? orderName(ordered[Number(m[5])]) : 'orderUntil';
}

/** Problems keyed by control, first one each. */
export function controlErrors(problems: FieldProblem[], controlOfField: (f: string) => string): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) out[controlOfField(p.field)] ??= p.message;
  return out;
}
