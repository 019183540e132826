import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HouseSpellingRecord } from '../../../domain/house-spellings/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { field, fieldErrors, type FieldErrors } from '../forms.ts';
import { csrfToken, requireCapability, staffOf } from '../guard.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from '../layout.tsx';
import { DataTable } from '../data-table.tsx';

const DONE: Record<string, string> = {
  saved: 'The house spelling was saved. Search and the spelling check use it from now on.',
  deleted: 'The house spelling was removed.',
};

function SpellingsPage(p: { items: HouseSpellingRecord[]; csrf: string; value?: string; errors?: FieldErrors; notice?: string }) {
  const e = p.errors ?? {};
  return (
    <>
      {p.notice ? <Notice kind="success">{p.notice}</Notice> : null}
      {Object.keys(e).length ? <Notice kind="error">Please correct the field marked below.</Notice> : null}
      <p class="lead">
        One preferred spelling per name. Every transliteration of it (Ghaani, Qaani, Qa'ani) shares one key; the editorial check suggests the spelling below when a story
        spells the name another way, and search finds all of them.
      </p>
      <form method="post" action="/admin/house-spellings" class="stack-form" novalidate>
        <CsrfField token={p.csrf} />
        <TextField name="spelling" label="Preferred spelling" value={p.value} error={e.spelling} required maxLength={100} hint="Replaces the preferred spelling of the same name if there is one." />
        <button type="submit">Save spelling</button>
      </form>
      <h2>The dictionary</h2>
      {p.items.length ? (
        <DataTable caption="House spellings" columns={['Spelling', 'Key', 'Set by', 'Remove']}>
            {p.items.map((r) => (
              <tr>
                <td>
                  <bdi>{r.spelling}</bdi>
                </td>
                <td>
                  <code>{r.key}</code>
                </td>
                <td>
                  {r.updatedBy} · <time dateTime={r.updatedAt}>{r.updatedAt.slice(0, 10)}</time>
                </td>
                <td>
                  <form method="post" action="/admin/house-spellings/delete" class="inline-form" data-confirm={`Remove ${r.spelling} from the dictionary?`}>
                    <CsrfField token={p.csrf} />
                    <input type="hidden" name="key" value={r.key} />
                    <button type="submit" class="button-small button-secondary" aria-label={`Remove ${r.spelling}`}>
                      Remove
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
      ) : (
        <p>No house spellings yet.</p>
      )}
    </>
  );
}

/** The house-spelling dictionary (docs/search.md) for editors: the same service as the Admin API's /house-spellings. */
export function registerHouseSpellingPages(app: FastifyInstance, deps: HttpDeps): void {
  const guard = { preHandler: requireCapability('taxonomy:write') };
  const title = 'House spellings';
  const page = async (req: FastifyRequest, reply: FastifyReply, o: { status?: number; value?: string; errors?: FieldErrors; notice?: string } = {}) =>
    sendAdminPage(req, reply, { title, current: '/admin/house-spellings', status: o.status, content: <SpellingsPage items={await deps.houseSpellings.list()} csrf={csrfToken(req)} {...o} /> });

  app.get('/house-spellings', guard, (req, reply) => page(req, reply, { notice: DONE[String((req.query as Record<string, unknown>)?.done ?? '')] }));

  app.post('/house-spellings', guard, async (req, reply) => {
    const spelling = field(req.body, 'spelling');
    try {
      await deps.houseSpellings.put(spelling, actorOf(staffOf(req)));
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      return page(req, reply, { status: e.status, value: spelling, errors: fieldErrors(e) });
    }
    return reply.code(303).header('location', '/admin/house-spellings?done=saved').send();
  });

  app.post('/house-spellings/delete', guard, async (req, reply) => {
    await deps.houseSpellings.remove({ key: field(req.body, 'key') }, actorOf(staffOf(req)));
    return reply.code(303).header('location', '/admin/house-spellings?done=deleted').send();
  });
}
