import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './context.ts';
import { requireCapability } from './guard.ts';
import { sendAdminPage } from './layout.tsx';
import { DataTable } from './data-table.tsx';

const PER_PAGE = 50;

/** The audit log (audit:read), newest first, 50 a page. */
export function registerAuditRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.get<{ Querystring: { page?: string } }>('/audit', { preHandler: requireCapability('audit:read') }, async (req, reply) => {
    const raw = req.query.page ?? '1';
    const page = /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1;
    // One extra row tells whether there is a next page without a count query.
    const rows = await ctx.deps.auditLog.list(PER_PAGE + 1, (page - 1) * PER_PAGE);
    const more = rows.length > PER_PAGE;
    const content = (
      <>
        <DataTable caption="Audit log" columns={['When (UTC)', 'Who', 'What', 'Target', 'Detail']}>
            {rows.slice(0, PER_PAGE).map((r) => (
              <tr>
                <td>
                  <time dateTime={r.at}>{r.at.slice(0, 19).replace('T', ' ')}</time>
                </td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>{`${r.targetType} ${r.targetId}`}</td>
                <td>
                  <code class="detail">{JSON.stringify(r.detail)}</code>
                </td>
              </tr>
            ))}
          </DataTable>
        <nav class="pager" aria-label="Pages">
          {page > 1 ? <a href={`/admin/audit?page=${page - 1}`}>Newer</a> : null} {more ? <a href={`/admin/audit?page=${page + 1}`}>Older</a> : null}
        </nav>
      </>
    );
    return sendAdminPage(req, reply, { title: 'Audit log', current: '/admin/audit', content });
  });
}
