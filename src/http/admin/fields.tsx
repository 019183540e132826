import type { ComponentChildren } from 'preact';

/**
 * Labelled form controls for the admin pages. The hint and the error are
 * tied to the control for screen readers (aria-describedby), and an
 * invalid control says so (aria-invalid).
 */
export interface ShellProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

function describedBy(p: ShellProps): string | undefined {
  const id = `f-${p.name}`;
  return [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** What every control shares: the label, hint and error around it, and the ARIA attributes to put on it. */
export function FieldShell(p: ShellProps & { children: (aria: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren }) {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="field-error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
      {p.children({ id, 'aria-invalid': p.error ? 'true' : undefined, 'aria-describedby': describedBy(p) })}
    </div>
  );
}

export function TextAreaField(p: ShellProps & { value?: string; rows?: number; maxLength?: number }) {
  return (
    <FieldShell {...p}>
      {(aria) => (
        <textarea {...aria} name={p.name} rows={p.rows ?? 4} maxLength={p.maxLength}>
          {p.value ?? ''}
        </textarea>
      )}
    </FieldShell>
  );
}

export function SelectField(p: ShellProps & { value?: string; options: Array<[value: string, label: string]> }) {
  return (
    <FieldShell {...p}>
      {(aria) => (
        <select {...aria} name={p.name}>
          {p.options.map(([value, label]) => (
            <option value={value} selected={(p.value ?? '') === value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
