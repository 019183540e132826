import { runCli } from './cli.ts';

/**
 * Entry point of `dateline` and of `npm start`: bin/dateline.mjs runs it
 * from the bundle scripts/build-server.mjs makes (dist/dateline.mjs) when
 * that is current, else through tsx. It only sets the exit code: the
 * process ends when the command has closed what it opened.
 */
// Not a top-level await: the bundle is CommonJS (scripts/build-server.mjs), which has none.
void runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  isTty: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
