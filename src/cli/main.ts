import { runCli } from './cli.ts';

/**
 * Entry point of `dateline` (bin/dateline.mjs) and of `npm start`
 * (`node --import tsx src/cli/main.ts serve`). It only sets the exit code:
 * the process ends when the command has closed what it opened.
 */
process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
