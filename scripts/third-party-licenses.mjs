// The licences of the libraries bundled into dist/ (MIT, Apache-2.0, ISC, BSD: each asks that its notice
// travel with copies of the code). Read from esbuild's metafile: only packages with code in the bundle.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of dist/THIRD-PARTY-LICENSES.md for the packages whose files are among `inputs`. */
export function thirdPartyLicenses(root, inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const entries = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const file = readdirSync(join(root, dir)).find((n) => /^(?:licen[cs]e|copying)(?:\.|$)/i.test(n));
      const text =
        file && existsSync(join(root, dir, file)) ? readFileSync(join(root, dir, file), 'utf8').trim() : undefined;
      return { name: pkg.name, version: pkg.version, license: licenseOf(pkg), text };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const seen = new Set();
  const unique = entries.filter((e) => !seen.has(`${e.name}@${e.version}`) && seen.add(`${e.name}@${e.version}`));
  const parts = ['# Third-party licences', '', 'awsx bundles these libraries into dist/. Their licences follow.', ''];
  for (const e of unique) {
    parts.push(`## ${e.name} ${e.version} (${e.license})`, '');
    parts.push(
      e.text ? ['```', e.text, '```'].join('\n') : `Licensed under ${e.license}; the package ships no licence file.`,
      '',
    );
  }
  return parts.join('\n');
}

function licenseOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  return 'see the package';
}
