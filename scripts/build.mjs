#!/usr/bin/env node
// Bundles awsx into dist/: dist/awsx.js is the small entry (src/cli/awsx.ts) that turns on Node's compile
// cache and loads the program; the program is split (esbuild code splitting) into chunks under dist/chunks/,
// so each command loads only the modules it imports: `list` and `--help` never load the AWS SDK or Ink.
// Every runtime library is bundled: the installed package needs no node_modules.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** Libraries that must stay outside the bundle: native bindings, loaded lazily and optional. */
export const EXTERNAL = [];

export async function buildAwsx({ outdir = dist, metafile = false } = {}) {
  // Build into a fresh folder beside the target and swap it in: a test run or an awsx process reading the
  // old build never sees half of a new one, and no chunk of an older build is left behind.
  const staging = `${outdir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await build({
    entryPoints: { awsx: join(root, 'src/cli/awsx.ts'), 'chunks/main': join(root, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22.12',
    outdir: staging,
    absWorkingDir: root, // metafile paths are relative to it
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS libraries (the AWS SDK, commander) call require() for Node built-ins.
    banner: { js: "import { createRequire as __awsxCreateRequire } from 'node:module'; const require = __awsxCreateRequire(import.meta.url);" },
    external: EXTERNAL,
    minify: true,
    keepNames: true, // error names and new.target.name stay as written
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    metafile,
    // CommonJS libraries that name their own file (write-file-atomic's temp names) get the chunk's, as ESM has it.
    define: { 'process.env.NODE_ENV': '"production"', __filename: 'import.meta.filename', __dirname: 'import.meta.dirname' },
    // Ink imports React DevTools only when DEV=true; they are not shipped, so an empty module stands in.
    alias: { 'react-devtools-core': join(root, 'scripts/stubs/react-devtools-core.js') },
  });
  chmodSync(join(staging, 'awsx.js'), 0o755);
  const old = `${outdir}.${process.pid}.old`;
  try {
    renameIfPresent(outdir, old);
    renameIfPresent(staging, outdir);
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
  return metafile ? outputsOf(result.metafile, staging) : undefined;
}

/** The metafile's outputs keyed by their path inside the build (awsx.js, chunks/...), with their inputs. */
function outputsOf(meta, staging) {
  const files = {};
  for (const [path, info] of Object.entries(meta.outputs)) {
    files[relative(staging, resolve(root, path)).split(sep).join('/')] = { bytes: info.bytes, inputs: Object.keys(info.inputs) };
  }
  return files;
}

function renameIfPresent(from, to) {
  try {
    renameSync(from, to);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAwsx();
