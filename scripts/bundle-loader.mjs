// Copied to dist/dateline.mjs by scripts/build-server.mjs, with BUILD and ENCODING filled in: do not edit there.
//
// Runs the server bundle (dist/dateline.cjs) with the code V8 compiled for it
// in an earlier run. Compiling the 2.8 MB bundle was about a fifth of the CPU
// from spawn to the first story page, and the functions compiled later, on
// the way to that page, as much again (docs/performance.md, start-up). Node 20
// keeps no compile cache for modules, so the bundle is a function expression
// compiled here with vm.Script and its cachedData.
//
// The cache is named by the build, and the bundle ends with the same build
// id: a cache made for another bundle is never offered to V8 (V8 checks only
// the source's length). V8 itself refuses a cache made by another V8 version
// or under other flags; the code is then compiled from the source, as without
// a cache, and a new cache is written.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const BUILD = '%BUILD%';
// 'latin1' when the build found the bundle ASCII-only: read as one-byte text with no UTF-8
// decoding (a bundle with any other character was some 40 ms slower to read, and twice the memory).
const ENCODING = '%ENCODING%';
const bundle = fileURLToPath(new URL('./dateline.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL(`./dateline.${BUILD}.code-cache`, import.meta.url));
// The build's own short run (scripts/build-server.mjs) keeps its code apart: the first real
// server starts from it, and keeps the code of its own first requests in cacheFile.
const PRIMING = process.env.DATELINE_PRIME_CODE_CACHE === '1';
const primedFile = fileURLToPath(new URL(`./dateline.${BUILD}.primed.code-cache`, import.meta.url));

const source = fs.readFileSync(bundle, ENCODING);
// A rebuild renames the bundle, then this file: a start in between must not pair them.
const sameBuild = source.endsWith(`// dateline build ${BUILD}\n`);
const read = (file) => {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
};
let cachedData = sameBuild && !PRIMING ? read(cacheFile) : undefined;
const full = cachedData !== undefined;
if (sameBuild && !full && !PRIMING) cachedData = read(primedFile);
const script = new vm.Script(source, { filename: bundle, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
// Kept when no cache of a real server's was used (none, only the primed one, or V8 refused it).
let keep = sameBuild && (!full || script.cachedDataRejected === true);
const keepAs = PRIMING ? primedFile : cacheFile;

/**
 * The server calls this (src/cli/commands/compiled-code.ts) once it has
 * answered its first requests, or when it stops: the cache then holds what
 * was compiled up to that point. Only the first call writes, and only when no
 * usable cache was found. A folder we cannot write to (a read-only image) is
 * no error: every start then compiles, as it did before there was a cache.
 */
const keepCompiledCode = () => {
  if (!keep) return;
  keep = false;
  const tmp = `${keepAs}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, keepAs);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
};
// What this start compiled from, for test/cli/serve.test.ts: 'kept' (a real server's code), 'primed', 'source'.
keepCompiledCode.startedFrom = cachedData === undefined || script.cachedDataRejected ? 'source' : full ? 'kept' : 'primed';
globalThis[Symbol.for('dateline.keepCompiledCode')] = keepCompiledCode;

const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, fileURLToPath(new URL('.', import.meta.url)), import.meta.resolve);
