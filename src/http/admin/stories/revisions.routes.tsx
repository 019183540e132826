import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DiffPart, Newsroom, RevisionDiff, StaffActor } from '../../../domain/articles/index.ts';
import type { Finding } from '../../../domain/editorial-checks/index.ts';
import { formatDisplayTime } from '../../../domain/shared/time.ts';
import { parseId } from '../forms.ts';
import { csrfToken, CsrfField, sendAdminPage } from '../index.ts';
import { editorAssets } from './assets.ts';

type RevReq = FastifyRequest<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>;

function Parts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p) => (p.op === 'insert' ? <ins class="diff-ins">{p.text}</ins> : p.op === 'delete' ? <del class="diff-del">{p.text}</del> : <span>{p.text}</span>))}
    </>
  );
}

function DiffView({ d }: { d: RevisionDiff }) {
  const changedBody = d.body.filter((b) => b.change !== 'equal');
  return (
    <section aria-labelledby="diff-h">
      <h2 id="diff-h">
        Changes from version {d.from} to {d.to}
      </h2>
      <h3>Headline</h3>
      <p class="diff-block"><Parts parts={d.headline} /></p>
      <h3>Dek</h3>
      <p class="diff-block"><Parts parts={d.dek} /></p>
      <h3>Body ({changedBody.length} paragraph{changedBody.length === 1 ? '' : 's'} changed)</h3>
      {d.body.map((b) => (
        <p class={`diff-block diff-${b.change}`}>
          <Parts parts={b.parts} />
        </p>
      ))}
      {d.fields.length ? (
        <>
          <h3>Other fields</h3>
          <table class="data-table">
            <thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>
            <tbody>{d.fields.map((f) => <tr><td>{f.field}</td><td><del class="diff-del">{f.before}</del></td><td><ins class="diff-ins">{f.after}</ins></td></tr>)}</tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

const version = (s: string | undefined) => (s && /^[1-9]\d{0,8}$/.test(s) ? Number(s) : undefined);

/** History of one story: every save, a readable diff between any two, and restore as a new save. */
export function registerRevisionRoutes(app: FastifyInstance, nr: Newsroom<Finding>, actor: (req: FastifyRequest) => StaffActor): void {
  app.get('/stories/:id/revisions', async (req: RevReq, reply) => {
    const staff = actor(req);
    const id = parseId(req.params.id);
    const [story, list] = await Promise.all([nr.workflow.open(staff, id), nr.revisions.list(staff, id)]);
    const to = version(req.query.to) ?? list[0]?.version;
    const from = version(req.query.from) ?? list.find((r) => r.version < (to ?? 0))?.version;
    const diff = from && to ? await nr.revisions.diff(staff, id, from, to) : null;
    if (req.headers.accept?.includes('application/json')) return { revisions: list, diff };
    return sendAdminPage(req, reply, {
      title: `Revisions: ${story.headline}`,
      current: '/admin/stories',
      content: (
        <>
          <link rel="stylesheet" href={editorAssets().css} />
          <p><a href={`/admin/stories/${id}`}>← Back to the story</a></p>
          <table class="data-table">
            <thead><tr><th>Version</th><th>Saved</th><th>By</th><th>Compare</th><th>Restore</th></tr></thead>
            <tbody>
              {list.map((r, i) => (
                <tr>
                  <td>{r.version}{r.version === story.version ? ' (current)' : ''}</td>
                  <td>{formatDisplayTime(r.createdAt, 'UTC')} UTC</td>
                  <td>{r.actor}</td>
                  <td>{list[i + 1] ? <a href={`/admin/stories/${id}/revisions?from=${list[i + 1].version}&to=${r.version}`}>vs {list[i + 1].version}</a> : '—'}</td>
                  <td>
                    {r.version !== story.version ? (
                      <form method="post" action={`/admin/stories/${id}/revisions/${r.version}/restore`} class="inline-form" data-confirm={`Restore version ${r.version}? It becomes a new save; nothing is lost.`}>
                        <CsrfField token={csrfToken(req)} />
                        <input type="hidden" name="version" value={String(story.version)} />
                        <button type="submit" class="button-small button-secondary">Restore</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {diff ? <DiffView d={diff} /> : <p>Only one version so far.</p>}
        </>
      ),
    });
  });

  app.post('/stories/:id/revisions/:version/restore', async (req: FastifyRequest<{ Params: { id: string; version: string } }>, reply) => {
    const id = parseId(req.params.id);
    const v = parseId(req.params.version);
    const expected = Number((req.body as Record<string, unknown> | undefined)?.version);
    const restored = await nr.revisions.restore(actor(req), id, v, Number.isInteger(expected) && expected > 0 ? expected : 0);
    return reply.code(303).header('location', `/admin/stories/${restored.id}?done=restored-from-version-${v}`).send();
  });
}
