import { sectionTree, type Section } from '../../../domain/sections/index.ts';
import { FieldShell } from '../fields.tsx';

/** Form values as strings, keyed by field name: a stored story's, or what was just submitted. */
export type Values = Record<string, string>;

export interface FieldProps {
  name: string;
  label: string;
  v: Values;
  e: Record<string, string>;
  hint?: string;
  cls?: string;
  type?: string;
  max?: number;
  area?: boolean;
  required?: boolean;
  list?: string;
}

/** The editor's labelled input (or two-line textarea), reading its value and error from the form's maps. */
export function Field(p: FieldProps) {
  return (
    <FieldShell name={p.name} label={p.label} hint={p.hint} error={p.e[p.name]}>
      {(aria) => {
        const common = { ...aria, name: p.name, class: p.cls, maxLength: p.max, required: p.required };
        return p.area ? <textarea {...common} rows={2}>{p.v[p.name] ?? ''}</textarea> : <input {...common} type={(p.type ?? 'text') as 'text'} value={p.v[p.name] ?? ''} list={p.list} />;
      }}
    </FieldShell>
  );
}

/** Sections as the site nests them, children indented under their parent. */
export function sectionOptions(sections: Section[]): Array<[string, string]> {
  return [['', '— No section —'], ...sectionTree(sections).map((t): [string, string] => [t.section.slug, `${'\u2003'.repeat(t.depth)}${t.depth ? '↳ ' : ''}${t.section.name}`])];
}
