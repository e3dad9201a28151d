#!/usr/bin/env node
// Bundles src/cli/main.ts into one executable ESM file, dist/awsx.js.
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'awsx.js');
mkdirSync(dirname(outfile), { recursive: true });

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"' },
  // ink pulls react-devtools-core only when DEV=true; never bundle it.
  external: ['react-devtools-core'],
  banner: {
    // Node's ESM has no require(); some CommonJS dependencies need one.
    js: "#!/usr/bin/env node\nimport { createRequire as __awsxCreateRequire } from 'node:module';const require = __awsxCreateRequire(import.meta.url);",
  },
});
chmodSync(outfile, 0o755);
