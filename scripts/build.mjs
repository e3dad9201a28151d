#!/usr/bin/env node
// Bundles src/cli/main.ts into one executable file, dist/awsx.js: a small bootstrap followed by the whole
// program, a CommonJS-style bundle stored in a comment. The bootstrap compiles that bundle with node:vm and a
// V8 code cache kept under the awsx cache dir, so a run after the first skips parsing ~1.9 MB of JavaScript
// (see scripts/bootstrap.js and docs/benchmarks.md).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'awsx.js');
mkdirSync(dirname(outfile), { recursive: true });

/** The wrapper the bootstrap calls; its parameters are what the bundle expects of a CommonJS module. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __awsxMetaUrl) {';
const WRAPPER_TAIL = '\n})';
const MARKER = '/*AWSX-BUNDLE\n';
const TRAILER = '*/\n';
/** `*` `/` inside the bundle would end the comment: each becomes the end of one comment and the start of the next. */
const CLOSE = '*/';
const CLOSE_ESCAPED = '**//*/';

const bundle = await bundleProgram();
const source = WRAPPER_HEAD + bundle + WRAPPER_TAIL;
check(source);
const payload = source.replaceAll(CLOSE, CLOSE_ESCAPED);
if (payload.replaceAll(CLOSE_ESCAPED, CLOSE) !== source) throw new Error('build: the bundle does not survive its comment encoding');

const hash = createHash('sha256').update(source).digest('hex').slice(0, 20);
const fill = {
  __AWSX_BUNDLE_HASH__: hash,
  __AWSX_PAYLOAD_LENGTH__: String(payload.length),
  __AWSX_PAYLOAD_ESCAPED__: JSON.stringify(CLOSE_ESCAPED),
  __AWSX_MARKER__: JSON.stringify(MARKER),
  __AWSX_TRAILER__: JSON.stringify(TRAILER),
};
const bootstrapFile = readFileSync(join(root, 'scripts/bootstrap.js'), 'utf8').replace(/^\/\/.*\n(?:\/\/.*\n)*/, ''); // its header comment is for readers of the repo
const bootstrap = bootstrapFile.replace(/__AWSX_[A-Z_]+__/g, (name) => fill[name] ?? name);
if (/__AWSX_(?!LINE_OFFSET__)[A-Z_]+__/.test(bootstrap)) throw new Error('build: a bootstrap placeholder was left unfilled');
const head = `#!/usr/bin/env node\n// awsx ${hash}: a bootstrap, then the program in a comment (built by scripts/build.mjs).\n${bootstrap}`;
// Stack traces name lines of dist/awsx.js: the bundle's first line is the line after the marker.
const lineOffset = (head.match(/\n/g) ?? []).length + 1;
const text = head.replace('__AWSX_LINE_OFFSET__', () => String(lineOffset)) + MARKER + payload + TRAILER;

// The bootstrap runs as CommonJS (it starts ~4 ms sooner than an ES module, and is written to run as either):
// dist/ gets its own package.json, as the repository's says "type": "module".
writeFileSync(join(dirname(outfile), 'package.json'), '{\n  "type": "commonjs"\n}\n');
// Write next to the target and rename: a test run or an awsx process reading the old file never sees half a file.
const tmp = `${outfile}.${process.pid}.tmp`;
writeFileSync(tmp, text, { mode: 0o755 });
chmodSync(tmp, 0o755);
renameSync(tmp, outfile);

async function bundleProgram() {
  const result = await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    bundle: true,
    write: false,
    outfile,
    platform: 'node',
    // CommonJS-style output: node:vm compiles scripts, not modules. Each bundled module stays lazily
    // initialised, and a Node built-in is required where its importer is initialised, not all at start-up.
    format: 'cjs',
    target: 'node20',
    // import('node:x') becomes require('node:x'): a vm script has no module loader for import().
    supported: { 'dynamic-import': false },
    charset: 'ascii',
    minifySyntax: true,
    minifyWhitespace: true,
    // Short local names: 1.9 -> 1.3 MB, which Node reads and V8 scans on every start (~3 ms even for a replayed
    // answer, ~19 ms for list --json at 2,000 profiles: less to deserialise). keepNames keeps every class
    // and function name (error names, new.target.name) as written.
    minifyIdentifiers: true,
    keepNames: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
    define: {
      'process.env.NODE_ENV': '"production"',
      'process.env.DEV': '"false"',
      'import.meta.url': '__awsxMetaUrl',
    },
    // ink pulls react-devtools-core only when DEV=true: replace it with an empty stub, never bundle it.
    alias: { 'react-devtools-core': join(root, 'scripts/stubs/react-devtools-core.js') },
    // A native binding is never bundled: the keys commands load it from node_modules when they need it.
    external: ['@napi-rs/keyring'],
    plugins: [noTopLevelAwait(), fastStringWidth(), fastInkOutput()],
  });
  return result.outputFiles[0].text;
}

/**
 * A script cannot await at top level, and two dependencies do: yoga-layout (Ink's layout engine) awaits its
 * WebAssembly, and Ink's reconciler awaits React DevTools when DEV=true. yoga is replaced by
 * scripts/stubs/yoga-layout.js, which instantiates the same wasm synchronously; the DevTools branches, dead
 * in a production build, lose their awaits. Every patch must apply exactly once, or the build fails.
 */
function noTopLevelAwait() {
  const patch = (text, from, to, file) => {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`build: cannot patch ${file} (did the dependency change?): ${from}`);
    return text.slice(0, at) + to + text.slice(at + from.length);
  };
  return {
    name: 'awsx-no-top-level-await',
    setup(b) {
      b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: join(root, 'scripts/stubs/yoga-layout.js') }));
      b.onResolve({ filter: /^awsx:yoga-wasm$/ }, () => ({ path: 'yoga-wasm', namespace: 'awsx' }));
      // Both the stub's wasm module and the emscripten file read the payload from the file itself: esbuild
      // loads modules in parallel, in no set order.
      const yogaBinary = join(root, 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js');
      const yogaPayload = () => {
        const text = readFileSync(yogaBinary, 'utf8');
        const m = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(text);
        if (!m) throw new Error('build: the yoga wasm payload was not found (did yoga-layout change?)');
        return { text, literal: m[0], base64: m[1] };
      };
      b.onLoad({ filter: /^yoga-wasm$/, namespace: 'awsx' }, () => ({ contents: `export const YOGA_WASM_BASE64 = ${JSON.stringify(yogaPayload().base64)};`, loader: 'js' }));
      b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, ({ path }) => {
        if (path !== yogaBinary) throw new Error(`build: yoga-layout found at ${path}, expected ${yogaBinary}`);
        const { text, literal } = yogaPayload();
        // The payload moves to awsx:yoga-wasm, decoded by Buffer instead of emscripten's JavaScript loop.
        return { contents: patch(text, literal, 'H="data:application/octet-stream;base64,"', path), loader: 'js' };
      });
      // commander needs child_process only for executable subcommands, which awsx has none of: load it (and
      // net, dgram behind it) on first use instead of on every start-up.
      b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, ({ path }) => ({
        contents: patch(readFileSync(path, 'utf8'), "const childProcess = require('node:child_process');", "const childProcess = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });", path),
        loader: 'js',
      }));
      // The AWS SDK's HTTP handler loads node:http2 (~5 ms) for its HTTP/2 handler, which awsx never uses.
      b.onLoad({ filter: /@smithy[\\/]node-http-handler[\\/]dist-cjs[\\/]index\.js$/ }, ({ path }) => {
        let text = readFileSync(path, 'utf8');
        text = patch(text, 'const http2 = require("node:http2");', 'const http2 = new Proxy({}, { get: (_, key) => require("node:http2")[key] });', path);
        text = patch(text, 'const { constants } = http2;', 'const constants = new Proxy({}, { get: (_, key) => require("node:http2").constants[key] });', path);
        return { contents: text, loader: 'js' };
      });
      b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, ({ path }) => {
        let text = readFileSync(path, 'utf8');
        text = patch(text, "await import('./devtools.js');", "throw Object.assign(new Error('React DevTools are not bundled'), { code: 'ERR_MODULE_NOT_FOUND' });", path);
        text = patch(text, '? await loadPackageJson()', '? { name: undefined, version: undefined }', path);
        return { contents: text, loader: 'js' };
      });
    },
  };
}

/**
 * Every `import 'string-width'` (Ink has two versions) gets scripts/stubs/string-width-fast.js in front of
 * the version it asked for: text whose characters are all one column wide is measured without the
 * package, which is then loaded only when other text needs it.
 */
function fastStringWidth() {
  return {
    name: 'awsx-fast-string-width',
    setup(b) {
      b.onResolve({ filter: /^string-width$/ }, async (args) => {
        if (args.pluginData?.real) return undefined;
        const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { real: true } });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: real.path, namespace: 'awsx-string-width' };
      });
      b.onLoad({ filter: /.*/, namespace: 'awsx-string-width' }, ({ path }) => ({
        contents: [
          `import { fastStringWidth } from ${JSON.stringify(join(root, 'scripts/stubs/string-width-fast.js'))};`,
          `export default fastStringWidth(() => require(${JSON.stringify(path)}).default);`,
        ].join('\n'),
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/**
 * Ink's frame buffer (ink/build/output.js) is replaced by scripts/stubs/ink-output.js: the same frames to the
 * byte (test/unit/build/ink-output.test.ts), a few times cheaper per frame (see the stub's header).
 */
function fastInkOutput() {
  let replaced = 0;
  return {
    name: 'awsx-fast-ink-output',
    setup(b) {
      b.onResolve({ filter: /^\.\/output\.js$/ }, ({ importer }) => {
        if (!/[\\/]ink[\\/]build[\\/][^\\/]+\.js$/.test(importer)) return undefined;
        replaced++;
        return { path: join(root, 'scripts/stubs/ink-output.js') };
      });
      b.onEnd(() => {
        if (replaced === 0) throw new Error('build: Ink no longer imports ./output.js (did ink change?)');
      });
    },
  };
}

/** What the bootstrap relies on: plain ASCII (read as latin1), no import() and no marker of its own. */
function check(text) {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text)) throw new Error('build: the bundle is not ASCII');
  if (/\bimport\s*\(/.test(text)) throw new Error('build: the bundle still has an import(); node:vm cannot load it');
  if (text.includes(CLOSE_ESCAPED)) throw new Error(`build: the bundle holds ${CLOSE_ESCAPED}, the comment escape`);
  if (text.includes('\r')) throw new Error('build: the bundle holds a carriage return (line offsets would be wrong)');
}
