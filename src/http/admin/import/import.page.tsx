import type { ImportRunView } from '../../../domain/import/index.ts';
import { DataTable } from '../data-table.tsx';
import { CsrfField, Notice } from '../layout.tsx';

const STATE: Record<ImportRunView['state'], string> = { waiting: 'Waiting to start', running: 'Importing', done: 'Finished', failed: 'Failed' };
const n = (x: number) => x.toLocaleString('en');

/** What the progress script reads each second; the page renders the same figures first, so it reads right without JavaScript too. */
export function progressJson(run: ImportRunView) {
  const c = run.counts;
  return {
    state: run.state,
    stateText: STATE[run.state],
    bytesRead: run.bytesRead,
    bytesTotal: run.bytesTotal,
    percent: run.state === 'done' ? 100 : run.bytesTotal ? Math.min(100, Math.floor((run.bytesRead / run.bytesTotal) * 100)) : 0,
    stories: c.stories + c.updated,
    comments: c.comments,
    rate: run.rate,
    secondsLeft: run.secondsLeft,
    text: progressText(run),
    error: run.error,
  };
}

function progressText(run: ImportRunView): string {
  const c = run.counts;
  const parts = [`${n(c.stories + c.updated)} stories`, `${n(c.comments)} comments`];
  if (run.rate !== null) parts.push(`${n(run.rate)} stories/s`);
  if (run.secondsLeft !== null) parts.push(`about ${fmtSeconds(run.secondsLeft)} left`);
  return parts.join(' · ');
}

const fmtSeconds = (s: number) => (s < 90 ? `${s} s` : `${Math.round(s / 60)} min`);

export function StartPage(p: { csrf: string; runs: ImportRunView[]; error?: string; maxBytes: number }) {
  return (
    <>
      {p.error ? <Notice kind="error">{p.error}</Notice> : null}
      <p class="lead">
        Bring stories, sections, tags, authors and comments in from WordPress (Tools → Export) or Ghost (Settings → Labs → Export). A run again with the same
        site's export updates what came in before; nothing is duplicated. New stories appear together when the whole file is in.
      </p>
      <form method="post" action="/admin/import" enctype="multipart/form-data" class="stack-form" id="import-form">
        <CsrfField token={p.csrf} />
        <div class="field">
          <label for="import-kind">The file is</label>
          <select id="import-kind" name="kind">
            <option value="wordpress">a WordPress export (WXR, .xml)</option>
            <option value="ghost">a Ghost export (.json)</option>
          </select>
        </div>
        <div class="field">
          <label for="import-file">Export file</label>
          <input id="import-file" type="file" name="file" required accept=".xml,.json,application/xml,text/xml,application/json" />
          <p class="hint">Up to {n(p.maxBytes / 1024 / 1024)} MB. A larger export: <code>dateline import wordpress FILE</code> on the server.</p>
        </div>
        <div class="field field-check">
          <label>
            <input type="checkbox" id="import-fetch-media" name="fetch_media" value="on" aria-describedby="fetch-media-warning" /> Fetch the pictures from the old site
          </label>
          <p class="field-hint" id="fetch-media-warning">
            When ticked, the server downloads every featured and inline picture the export names from its address on the old site (or wherever it is
            hosted): one request per picture, public addresses only, up to 20 MB and 15 seconds each. The old site sees those requests, and a site with many
            pictures takes much longer to import. Each picture is checked and re-encoded like an upload. Left unticked, pictures are counted and not imported.
          </p>
          <p class="field-hint">
            Taking pictures from a copy of the old uploads folder is not offered here: a folder on the server can only be named on the server, with{' '}
            <code>dateline import wordpress FILE --media-dir DIR</code>.
          </p>
        </div>
        <button type="submit">Upload and import</button>
      </form>
      <h2>Imports</h2>
      {p.runs.length ? (
        <DataTable caption="Imports, newest first" columns={['File', 'Started', 'By', 'State', 'Stories']}>
          {p.runs.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/import/${r.id}`}>{r.fileName}</a>
                </td>
                <td>{r.createdAt.slice(0, 16).replace('T', ' ')} UTC</td>
                <td>{r.createdBy}</td>
                <td>{STATE[r.state]}</td>
                <td>{n(r.counts.stories + r.counts.updated)}</td>
              </tr>
            ))}
        </DataTable>
      ) : (
        <p>None yet.</p>
      )}
    </>
  );
}

export function RunPage({ run }: { run: ImportRunView }) {
  const j = progressJson(run);
  const finished = run.state === 'done' || run.state === 'failed';
  return (
    <>
      <section class="import-progress" id="import-progress" data-progress-url={`/admin/import/${run.id}/progress`} data-state={run.state} aria-live="polite">
        <p>
          <strong id="import-state">{j.stateText}</strong>
        </p>
        <progress id="import-bar" max={100} value={j.percent} aria-labelledby="import-state">
          {j.percent}%
        </progress>
        <p id="import-figures">
          <span id="import-percent">{j.percent}%</span> · <span id="import-text">{j.text}</span>
        </p>
        {!finished ? <p class="hint">This page follows the import as it runs; you can leave it and come back. The import goes on without it.</p> : null}
      </section>
      {run.state === 'failed' ? <Notice kind="error">{`The import stopped: ${run.error ?? 'unknown error'}. Nothing it wrote is visible to readers.`}</Notice> : null}
      {run.state !== 'failed' && run.error ? <Notice kind="info">{`The last attempt failed (${run.error}); it is tried again and picks up where it stopped.`}</Notice> : null}
      {run.summary ? <Summary run={run} /> : null}
      <p>
        <a href="/admin/import">← All imports</a>
      </p>
    </>
  );
}

function Summary({ run }: { run: ImportRunView }) {
  const s = run.summary!;
  const c = s.counts;
  return (
    <section id="import-summary" aria-labelledby="import-summary-h">
      <h2 id="import-summary-h">Summary</h2>
      <p>{`Imported in ${(s.elapsedMs / 1000).toFixed(1)} s.`}</p>
      <dl class="import-counts">
        <dt>New stories</dt>
        <dd id="summary-stories">{n(c.stories)}</dd>
        <dt>Stories updated</dt>
        <dd>{n(c.updated)}</dd>
        <dt>Comments</dt>
        <dd id="summary-comments">{n(c.comments)}</dd>
        <dt>New sections, tags, people</dt>
        <dd>{`${n(c.sections)}, ${n(c.tags)}, ${n(c.people)}`}</dd>
        <dt>Old addresses redirected</dt>
        <dd>{n(c.redirects)}</dd>
        <dt>Pages (new, updated)</dt>
        <dd>{`${n(c.pages)}, ${n(c.pagesUpdated)}`}</dd>
      </dl>
      {s.media ? <MediaSummary media={s.media} /> : null}
      {Object.keys(c.skipped).length || Object.keys(s.notes).length ? (
        <ul>
          {Object.entries(c.skipped).map(([why, k]) => (
            <li>{`Skipped: ${n(k)} ${why}`}</li>
          ))}
          {Object.entries(s.notes).map(([note, k]) => (
            <li>{`${note} (${n(k)})`}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The pictures' line of the summary, as the CLI prints it: what came in, and each failure with why. */
function MediaSummary({ media: m }: { media: NonNullable<NonNullable<ImportRunView['summary']>['media']> }) {
  return (
    <div id="import-media">
      <p>
        {m.notTried
          ? `Pictures: ${n(m.notTried)} not imported (fetching was not ticked).`
          : `Pictures: ${n(m.imported)} imported, ${n(m.reused)} reused from an earlier import, ${n(m.failed)} failed.`}
      </p>
      {m.failures.length ? (
        <ul>
          {m.failures.map((f) => (
            <li>{`${f.url}: ${f.reason}`}</li>
          ))}
          {m.failed > m.failures.length ? <li>{`and ${n(m.failed - m.failures.length)} more`}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
