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
  // ink pulls react-devtools-core only when DEV=true: replace it with an empty stub, never bundle it.
  alias: { 'react-devtools-core': join(root, 'scripts/stubs/react-devtools-core.js') },
  banner: {
    // Node's ESM has no require(); some CommonJS dependencies need one.
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __awsxRequire } from 'node:module';",
      "import { fileURLToPath as __awsxPath } from 'node:url';",
      'const require = __awsxRequire(import.meta.url);',
      'var __filename = __awsxPath(import.meta.url);',
      "var __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join('\n'),
  },
});
chmodSync(outfile, 0o755);
