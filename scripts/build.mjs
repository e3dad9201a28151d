#!/usr/bin/env node
// Bundles awsx into dist/: dist/awsx.js is the small entry (src/cli/awsx.ts) that turns on Node's compile
// cache and loads the program; the program is split (esbuild code splitting) into chunks under dist/chunks/,
// so each command loads only the modules it imports: `list` and `--help` never load the AWS SDK or Ink.
// Every runtime library is bundled (their licences in dist/THIRD-PARTY-LICENSES.md): the installed package
// needs no node_modules.
import { build } from 'esbuild';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { thirdPartyLicenses } from './third-party-licenses.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** Libraries that must stay outside the bundle: native bindings, loaded lazily and optional. */
export const EXTERNAL = ['@napi-rs/keyring'];

export async function buildAwsx({ outdir = dist } = {}) {
  // Build into a fresh folder beside the target and swap it in: a test run or an awsx process reading the
  // old build never sees half of a new one, and no chunk of an older build is left behind.
  const staging = `${outdir}.${process.pid}.tmp`;
  const old = `${outdir}.${process.pid}.old`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const result = await build(options(staging));
    chmodSync(join(staging, 'awsx.js'), 0o755);
    const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs));
    writeFileSync(join(staging, 'THIRD-PARTY-LICENSES.md'), thirdPartyLicenses(root, inputs));
    renameIfPresent(outdir, old);
    renameSync(staging, outdir);
    return outputsOf(result.metafile, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

function options(outdir) {
  return {
    entryPoints: { awsx: join(root, 'src/cli/awsx.ts'), 'chunks/main': join(root, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22.12',
    outdir,
    absWorkingDir: root, // metafile paths are relative to it
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS libraries (the AWS SDK, commander) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __awsxCreateRequire } from 'node:module'; const require = __awsxCreateRequire(import.meta.url);",
    },
    external: EXTERNAL,
    minify: true,
    keepNames: true, // error names and new.target.name stay as written
    legalComments: 'none', // the licences are in THIRD-PARTY-LICENSES.md
    charset: 'utf8',
    logLevel: 'warning',
    metafile: true,
    // A bundled CommonJS library that names its own file gets the chunk's, as an ES module has it.
    define: {
      'process.env.NODE_ENV': '"production"',
      __filename: 'import.meta.filename',
      __dirname: 'import.meta.dirname',
    },
    // Ink imports React DevTools only when DEV=true; they are not shipped, so an empty module stands in.
    alias: { 'react-devtools-core': join(root, 'scripts/stubs/react-devtools-core.js') },
  };
}

/** The metafile's outputs keyed by their path inside the build (awsx.js, chunks/...), with their inputs. */
function outputsOf(meta, outdir) {
  const files = {};
  for (const [path, info] of Object.entries(meta.outputs)) {
    files[relative(`${outdir}.${process.pid}.tmp`, resolve(root, path)).split(sep).join('/')] = {
      bytes: info.bytes,
      inputs: Object.keys(info.inputs),
    };
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

// node scripts/build.mjs [--outdir DIR] [--meta FILE]: FILE gets the outputs with their inputs (tests read it).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, meta: { type: 'string' } } });
  const outputs = await buildAwsx(values.outdir ? { outdir: resolve(values.outdir) } : {});
  if (values.meta) writeFileSync(values.meta, JSON.stringify(outputs));
}
