import type { RedirectRule } from '../../../domain/redirects/index.ts';
import { SelectField } from '../fields.tsx';
import type { FieldErrors } from '../forms.ts';
import { CsrfField, Notice, TextField } from '../layout.tsx';
import { DataTable } from '../data-table.tsx';
import type { Hop, Trace } from './trace.ts';

export type RuleValues = Record<'match' | 'source' | 'target' | 'status' | 'external', string>;

export const emptyRule: RuleValues = { match: 'exact', source: '', target: '', status: '301', external: '' };

export const valuesOfRule = (r: RedirectRule): RuleValues => ({ match: r.match, source: r.source, target: r.target, status: String(r.status), external: /^https?:/i.test(r.target) ? 'on' : '' });

export function RuleForm(p: { action: string; csrf: string; v: RuleValues; e: FieldErrors; submit: string }) {
  const { v, e } = p;
  return (
    <form method="post" action={p.action} class="stack-form redirect-form" novalidate>
      <CsrfField token={p.csrf} />
      {e.body || e._ ? <p class="field-error">{e.body || e._}</p> : null}
      <SelectField name="match" label="Match" value={v.match} error={e.match} options={[['exact', 'This address only'], ['prefix', 'This address and everything below it']]} />
      <TextField name="source" label="From (a path on this site)" value={v.source} error={e.source} required maxLength={1000} hint="For example /2019/03/old-story. A prefix rule from /blog sends /blog/x to the target followed by /x." />
      <SelectField name="status" label="Answer" value={v.status} error={e.status} options={[['301', '301 Moved permanently'], ['302', '302 Found (temporary)'], ['410', '410 Gone (no target)']]} />
      <TextField name="target" label="To" value={v.target} error={e.target} maxLength={2000} hint="A path on this site (/about) or a full https:// address. Empty for 410." />
      <div class="field field-check">
        <label>
          <input type="checkbox" name="external" value="on" checked={v.external === 'on'} /> Allow a target on another site (otherwise refused: it would make this site an open redirect)
        </label>
      </div>
      <button type="submit">{p.submit}</button>
    </form>
  );
}

function hopText(h: Hop): string {
  if (h.status === 200) return 'answers with a page';
  if (h.status === 404) return 'is not found (404)';
  if (h.status === 410) return h.by?.kind === 'rule' ? `is gone (410), by the rule for ${h.by.rule.source}` : 'is gone (410)';
  if (h.status >= 300 && h.status < 400) {
    const by = h.by?.kind === 'rule' ? `rule ${h.by.rule.match === 'prefix' ? 'for everything under' : 'for'} ${h.by.rule.source}` : h.by?.kind === 'story' ? "an imported story's old address" : "the site's own canonical address";
    return `redirects (${h.status}) to ${h.location} — ${by}`;
  }
  return `answers ${h.status}`;
}

export function TestView(p: { value: string; trace: Trace | null }) {
  return (
    <section class="redirect-test" aria-labelledby="redirect-test-h">
      <h2 id="redirect-test-h">Where does this path go?</h2>
      <form method="get" action="/admin/redirects" class="desk-filters" role="search">
        <div class="field">
          <label for="test-path">Path</label>
          <input id="test-path" name="test" value={p.value} maxLength={2000} placeholder="/2019/03/old-story/" />
        </div>
        <button type="submit">Test</button>
      </form>
      {p.trace?.problem ? <Notice kind="error">{p.trace.problem}</Notice> : null}
      {p.trace && !p.trace.problem ? (
        <ol class="redirect-trace" aria-label="What a reader gets, hop by hop">
          {p.trace.hops.map((h) => (
            <li>
              <code>{h.path}</code> {hopText(h)}
            </li>
          ))}
          {p.trace.unfinished ? <li>…and still redirecting: the chain is too long.</li> : null}
        </ol>
      ) : null}
    </section>
  );
}

export function RulesTable(p: { rules: RedirectRule[]; csrf: string; total: number; page: number; perPage: number; q: string }) {
  const pageUrl = (n: number) => `/admin/redirects?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), page: String(n) })}`;
  return (
    <>
      <form method="get" action="/admin/redirects" class="desk-filters" role="search">
        <div class="field">
          <label for="rules-q">Find rules by path or target</label>
          <input id="rules-q" name="q" type="search" value={p.q} maxLength={200} />
        </div>
        <button type="submit">Find</button>
        {p.q ? <a href="/admin/redirects">Show all</a> : null}
      </form>
      <p>{p.total === 1 ? '1 rule.' : `${p.total} rules.`}</p>
      {p.rules.length ? (
        <DataTable caption="Redirect rules" columns={['From', 'Answer', 'To', '']}>
          {p.rules.map((r) => (
            <tr>
              <td>
                <code>{r.source}</code>
                {r.match === 'prefix' ? <span class="badge">and below</span> : null}
              </td>
              <td>{r.status}</td>
              <td>{r.target ? <code>{r.target}</code> : '—'}</td>
              <td>
                <a href={`/admin/redirects/${r.id}`} class="button-small button-secondary" aria-label={`Edit the rule for ${r.source}`}>
                  Edit
                </a>{' '}
                <form method="post" action={`/admin/redirects/${r.id}/delete`} class="inline-form" data-confirm={`Remove the rule for ${r.source}?`}>
                  <CsrfField token={p.csrf} />
                  <button type="submit" class="button-small button-secondary" aria-label={`Remove the rule for ${r.source}`}>
                    Remove
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <nav class="pager">
        {p.page > 1 ? <a href={pageUrl(p.page - 1)}>← Previous</a> : null}
        {p.page * p.perPage < p.total ? <a href={pageUrl(p.page + 1)}>Next →</a> : null}
      </nav>
    </>
  );
}

export function CsvBox(p: { csrf: string; error?: string }) {
  return (
    <section aria-labelledby="csv-h">
      <h2 id="csv-h">CSV</h2>
      <p>
        <a href="/admin/redirects.csv" download="redirects.csv">
          Download every rule (CSV)
        </a>
      </p>
      <form method="post" action="/admin/redirects/import" enctype="multipart/form-data" class="stack-form">
        <CsrfField token={p.csrf} />
        <div class={p.error ? 'field field-invalid' : 'field'}>
          <label for="csv-file">Import rules from a CSV file, or Ghost's redirects.json</label>
          <p class="field-hint" id="csv-hint">
            First line: the column names, <code>source,target,status,match,external</code> (only source is required). A rule with the source of an existing one replaces it. The whole file is
            checked first: one bad row and nothing is imported.
          </p>
          {p.error ? <p class="field-error">{p.error}</p> : null}
          <input id="csv-file" name="file" type="file" accept=".csv,text/csv,.json,application/json" required aria-describedby="csv-hint" />
        </div>
        <div class="field field-check">
          <label>
            <input type="checkbox" name="external" value="on" /> redirects.json: keep targets on other sites (a CSV says so per row)
          </label>
        </div>
        <button type="submit">Import</button>
      </form>
    </section>
  );
}
