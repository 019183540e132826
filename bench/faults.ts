/**
 * `npm run faults`: the faults an operator meets, on real processes and
 * servers, each ending in what was acknowledged against what was stored.
 * Exits non-zero on any loss, any duplicate and any answer of 500 (a
 * failure of ours must be a 503 with Retry-After).
 *
 *   kill -9 during a comment burst          SQLite, PostgreSQL
 *   kill -9 around scheduled publishing     SQLite, PostgreSQL
 *   PostgreSQL restarted under load         PostgreSQL (a cluster of the script's own)
 *   Redis stopped under load, then started  SQLite
 *   data disk full, then freed              SQLite (a tmpfs; needs root)
 *
 * FAULTS_COMMENTS (default 300) and FAULTS_PUBLISH_ROUNDS (default 4) size it;
 * `npm run faults -- kill` runs only the scenarios whose name contains "kill".
 */
import type { Outcome } from './faults-kit.ts';
import { commentsUnderKill, diskFull, postgresRestart, publishUnderKill, redisStopped } from './faults-scenarios.ts';

const scenarios: Array<[string, () => Promise<Outcome | string>]> = [
  ['kill comments sqlite', () => commentsUnderKill('sqlite')],
  ['kill comments postgres', () => commentsUnderKill('postgres')],
  ['kill publish sqlite', () => publishUnderKill('sqlite')],
  ['kill publish postgres', () => publishUnderKill('postgres')],
  ['postgres restart', () => postgresRestart()],
  ['redis stopped sqlite', () => redisStopped('sqlite')],
  ['disk full sqlite', () => diskFull()],
];

const only = process.argv.slice(2).join(' ');
const outcomes: Outcome[] = [];
let failed = false;
for (const [name, run] of scenarios) {
  if (only && !name.includes(only)) continue;
  const started = Date.now();
  process.stdout.write(`${name} … `);
  try {
    const r = await run();
    if (typeof r === 'string') {
      console.log(r);
      continue;
    }
    outcomes.push(r);
    const bad = r.lost > 0 || r.twice > 0 || r.internalErrors > 0;
    failed ||= bad;
    console.log(`${bad ? 'FAILED' : 'ok'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    failed = true;
    console.log(`FAILED to run: ${(e as Error).stack}`);
  }
}

console.log('\n| fault | database | acknowledged | stored | lost | twice | 500s | 503s | refused | how |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const o of outcomes) console.log(`| ${o.scenario} | ${o.dialect} | ${o.acknowledged} | ${o.stored} | ${o.lost} | ${o.twice} | ${o.internalErrors} | ${o.unavailable} | ${o.refused} | ${o.note} |`);
console.log(failed ? '\nFAILED: something acknowledged was lost, stored twice, or answered 500' : '\nNothing acknowledged was lost or stored twice; no 500s.');
process.exit(failed ? 1 : 0);
