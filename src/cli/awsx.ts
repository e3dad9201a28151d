#!/usr/bin/env node
// The installed `awsx`: checks the Node version, turns on Node's compile cache, then loads the program. It
// imports nothing statically (an older Node must reach the version check), so every module the command
// loads after the cache is on is compiled through it (src/cli/compile-cache.ts); each command then loads
// only the modules it needs.
import { unsupportedNode } from './node-version.js';

const refusal = unsupportedNode(process.versions.node);
if (refusal) {
  process.stderr.write(`awsx: ${refusal}\n`);
  process.exit(1);
}
const { enableCompileCacheFor } = await import('./compile-cache.js');
enableCompileCacheFor(process.argv.slice(2), process.env);
await import('./main.js');
