import type { FastifyInstance } from 'fastify';
import type { Job, JobStats } from '../../domain/jobs/index.ts';
import { actorOf } from '../../domain/users/index.ts';
import type { AdminContext } from './context.ts';
import { parseId } from './forms.ts';
import { requireCapability, staffOf } from './guard.ts';
import { CsrfField, Notice, sendAdminPage } from './layout.tsx';
import { DataTable } from './data-table.tsx';

/** Rows shown per state: the page is for noticing trouble, the CLI lists more (`dateline jobs --limit N`). */
const PER_STATE = 100;
const DONE_MESSAGES: Record<string, string> = { retried: 'The job will run again now.', discarded: 'The job was discarded; it will not run.' };

function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 19).replace('T', ' ') : '—';
}

function age(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} seconds`;
  if (s < 7200) return `${Math.round(s / 60)} minutes`;
  return `${Math.round(s / 3600)} hours`;
}

function Actions({ job, csrf }: { job: Job; csrf: string }) {
  return (
    <>
      {job.state === 'dead' ? (
        <form method="post" action={`/admin/jobs/${job.id}/retry`} class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="button-small">Retry</button>
        </form>
      ) : null}{' '}
      <form method="post" action={`/admin/jobs/${job.id}/discard`} class="inline-form" data-confirm={`Discard job ${job.id} (${job.kind})? It will not run.`}>
        <CsrfField token={csrf} />
        <button type="submit" class="button-small button-danger">Discard</button>
      </form>
    </>
  );
}

function Summary({ stats }: { stats: JobStats }) {
  return (
    <dl class="job-counts">
      <dt>Waiting</dt>
      <dd id="jobs-waiting">{stats.counts.waiting}</dd>
      <dt>Running</dt>
      <dd id="jobs-running">{stats.counts.running}</dd>
      <dt>Dead</dt>
      <dd id="jobs-dead">{stats.counts.dead}</dd>
      <dt>Done (kept a week)</dt>
      <dd>{stats.counts.done}</dd>
      <dt>Oldest due job waiting</dt>
      <dd id="jobs-oldest">{stats.oldestDueMs ? age(stats.oldestDueMs) : 'none'}</dd>
    </dl>
  );
}

function JobsPage(p: { stats: JobStats; dead: Job[]; running: Job[]; waiting: Job[]; csrf: string; done?: string }) {
  return (
    <>
      {p.done && DONE_MESSAGES[p.done] ? <Notice kind="success">{DONE_MESSAGES[p.done]}</Notice> : null}
      <Summary stats={p.stats} />
      <h2>Dead</h2>
      {p.dead.length ? (
        <DataTable caption="Dead jobs" columns={['Job', 'Kind', 'Attempts', 'Gave up (UTC)', 'Last error', '']}>
          {p.dead.map((j) => (
            <tr>
              <td>{j.id}</td>
              <td>{j.kind}</td>
              <td>{`${j.attempts} of ${j.maxAttempts}`}</td>
              <td>{when(j.finishedAt)}</td>
              <td>
                <code class="detail">{j.lastError}</code>
              </td>
              <td>
                <Actions job={j} csrf={p.csrf} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>No dead jobs.</p>
      )}
      <h2>Running</h2>
      <DataTable caption="Running jobs" columns={['Job', 'Kind', 'Attempt', 'Started (UTC)', 'Instance', 'Lease until (UTC)']}>
        {p.running.map((j) => (
          <tr>
            <td>{j.id}</td>
            <td>{j.kind}</td>
            <td>{`${j.attempts} of ${j.maxAttempts}`}</td>
            <td>{when(j.startedAt)}</td>
            <td>{j.lockedBy ?? ''}</td>
            <td>{when(j.lockedUntil)}</td>
          </tr>
        ))}
      </DataTable>
      <h2>Waiting</h2>
      <DataTable caption="Waiting jobs" columns={['Job', 'Kind', 'Due (UTC)', 'Attempts', 'Last error', '']}>
        {p.waiting.map((j) => (
          <tr>
            <td>{j.id}</td>
            <td>{j.kind}</td>
            <td>{when(j.runAt)}</td>
            <td>{`${j.attempts} of ${j.maxAttempts}`}</td>
            <td>{j.lastError ? <code class="detail">{j.lastError}</code> : null}</td>
            <td>
              <Actions job={j} csrf={p.csrf} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** The job queue (jobs:manage): counts, the oldest due job's age, dead jobs with their last error; retry and discard. */
export function registerJobsRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { jobs } = ctx.deps;
  const guard = { preHandler: requireCapability('jobs:manage') };

  app.get<{ Querystring: { done?: string } }>('/jobs', guard, async (req, reply) => {
    const [stats, dead, running, waiting] = await Promise.all([jobs.stats(), jobs.list('dead', PER_STATE), jobs.list('running', PER_STATE), jobs.list('waiting', PER_STATE)]);
    const content = <JobsPage stats={stats} dead={dead} running={running} waiting={waiting} csrf={req.adminCsrf!} done={req.query.done} />;
    return sendAdminPage(req, reply, { title: 'Jobs', current: '/admin/jobs', content });
  });

  app.post<{ Params: { id: string } }>('/jobs/:id/retry', guard, async (req, reply) => {
    await jobs.retry(parseId(req.params.id), actorOf(staffOf(req)));
    return reply.code(303).header('location', '/admin/jobs?done=retried').send();
  });

  app.post<{ Params: { id: string } }>('/jobs/:id/discard', guard, async (req, reply) => {
    await jobs.discard(parseId(req.params.id), actorOf(staffOf(req)));
    return reply.code(303).header('location', '/admin/jobs?done=discarded').send();
  });
}
