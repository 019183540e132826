#!/usr/bin/env node
// Launcher for `npx dateline ...` from the repository: the CLI is TypeScript,
// run through tsx's ESM loader (registered here, before the first import).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
