// The benchmark's report (scripts/bench.mjs): a table per Node with the goals, both builds side by side,
// written into docs/benchmarks.md between its bench markers, a chart (docs/benchmarks.svg) and every
// distribution (docs/benchmarks.json).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, root } from './bench-lib.mjs';

/** The goals of issue 14 ("Speed"); `value` picks the figure from a pass, `ratio` tells how it is shown. */
export function goalRows(items, build) {
  const rows = [];
  const ms = (v) => `${fmt(v)} ms`;
  const x = (v) => `${fmt(v, 2)}x`;
  const at = (s, name) => s?.[name]?.median;
  const list = items.list?.sizes;
  if (list) {
    for (const size of Object.keys(list)) {
      const s = list[size];
      const goal = size === '2000' ? 1.6 : undefined;
      rows.push({
        id: size === '2000' ? 1 : '',
        what: `\`list --json\`, ${Number(size).toLocaleString('en')} profiles / \`node -e 0\``,
        floor: ms(s.floor.median),
        value: at(s, build) / s.floor.median,
        text: (v) => `${ms(at(s, build))} (${x(v)})`,
        goal,
        goalText: goal ? `<= ${goal}x` : '',
      });
      if (s['now, no compile cache'] && build === 'now') {
        rows.push({
          id: '',
          what: '  same, without the compile cache (a first run after an install or upgrade)',
          floor: '',
          value: at(s, 'now, no compile cache') / s.floor.median,
          text: (v) => `${ms(at(s, 'now, no compile cache'))} (${x(v)})`,
          goalText: '',
        });
      }
    }
  }
  const cp = items.credentialProcess;
  if (cp)
    rows.push({
      id: 2,
      what: 'warm `credential-process`, 2-hop chain / `node -e 0`',
      floor: ms(cp.floor.median),
      value: at(cp, build) / cp.floor.median,
      text: (v) => `${ms(at(cp, build))} (${x(v)})`,
      goal: 1.5,
      goalText: '<= 1.5x',
    });
  const picker = items.picker;
  if (picker) {
    for (const size of Object.keys(picker.sizes)) {
      const s = picker.sizes[size];
      const goal = size === '2000' ? 4 : undefined;
      rows.push({
        id: size === '2000' ? 3 : '',
        what: `picker, first frame with rows, ${Number(size).toLocaleString('en')} profiles / \`node -e 0\` in the same pty`,
        floor: ms(s.floor.median),
        value: at(s, build) / s.floor.median,
        text: (v) => `${ms(at(s, build))} (${x(v)})`,
        goal,
        goalText: goal ? `<= ${goal}x` : '',
      });
      const ready = picker.ready[size];
      if (ready?.[build])
        rows.push({
          id: 4,
          what: `picker, ready for keys (a key typed at the first frame, spawn to its frame), ${Number(size).toLocaleString('en')} profiles / the same floor`,
          floor: ms(s.floor.median),
          value: ready[build].median / s.floor.median,
          text: (v) => `${ms(ready[build].median)} (${x(v)})`,
          goal: 6,
          goalText: '<= 6x',
        });
    }
  }
  const f = items.filter?.[build];
  if (f) {
    rows.push({
      id: 5,
      what: `filter, keystroke to frame, 20,000 rows (${f.keystrokes} keystrokes)`,
      floor: '',
      value: f.p95,
      text: (v) => `p95 ${ms(v)} (p50 ${ms(f.p50)})`,
      goal: 16,
      goalText: 'p95 <= 16 ms',
    });
    rows.push({
      id: 6,
      what: 'peak RSS, picker with 20,000 rows, after filtering',
      floor: '',
      value: f.peakRssMiB,
      text: (v) => `${fmt(v)} MiB`,
      goal: 150,
      goalText: '<= 150 MiB, no V8 flags',
    });
  }
  const chain = items.chain;
  if (chain?.cold) {
    const c = chain.cold;
    rows.push({
      id: 7,
      what: 'cold 2-hop `whoami` / `aws sts get-caller-identity` (AWS CLI)',
      floor: `aws: ${ms(c.aws.median)}`,
      value: at(c, build) / c.aws.median,
      text: (v) => `${ms(at(c, build))} (${x(v)})`,
      goal: 0.3,
      goalText: '<= 0.3x',
    });
    const w = chain.warm;
    rows.push({
      id: '',
      what: 'warm 2-hop `whoami` (cached hops, one GetCallerIdentity) / `node -e 0`',
      floor: ms(w.floor.median),
      value: at(w, build) / w.floor.median,
      text: (v) => `${ms(at(w, build))} (${x(v)})`,
      goalText: '',
    });
  } else if (chain?.skipped)
    rows.push({
      id: 7,
      what: `2-hop chain: skipped (${chain.skipped})`,
      floor: '',
      value: NaN,
      text: () => '',
      goalText: '',
    });
  return rows;
}

function ssoRows(s) {
  const scale = `${s.accounts.toLocaleString('en')} accounts x 3 roles`;
  const r = s.wallSeconds / s.floorSeconds;
  const t = s.throttledRun;
  const yes = (ok) => (ok ? 'yes' : '**no**');
  return [
    `| IAM Identity Center discovery, ${scale}, in the picker | ${fmt(s.wallSeconds)} s; ${s.requests} requests / 20 per s: ${fmt(s.floorSeconds)} s (${fmt(r, 2)}x) | <= 1.1x | ${yes(r <= 1.1)} |`,
    `| first discovered rows on screen, from spawn | ${fmt(s.firstRowsMs)} ms | <= 1 s | ${yes(s.firstRowsMs <= 1000)} |`,
    `| second start: roles in the first frame | ${s.secondStart.rows - 1} of ${s.roles}, ${fmt(s.secondStart.ms)} ms | all, at once | ${yes(s.secondStart.rows - 1 === s.roles)} |`,
    `| accounts in the roles cache after discovery | ${s.cachedAccounts} of ${s.accounts} (${s.cachedRoles} roles) | none lost | ${yes(s.cachedAccounts === s.accounts && s.cachedRoles === s.roles)} |`,
    `| 1 request in 7 throttled on top of the limit | ${t.accounts} accounts (${t.roles} roles), ${t.throttled} throttled, ${fmt(t.seconds)} s | none lost | ${yes(t.accounts === s.accounts && t.roles === s.roles)} |`,
  ];
}

function passTable(label, items, baseline) {
  const now = goalRows(items, 'now');
  const before = goalRows(items, 'before');
  const met = (r) => (r.goal === undefined || !Number.isFinite(r.value) ? '' : r.value <= r.goal ? 'yes' : '**no**');
  const lines = [
    `### ${label}`,
    '',
    `| # | figure | reference | now | goal | met | before (${baseline}, its program) |`,
    '| - | ------ | --------- | --- | ---- | --- | ------------------------------- |',
  ];
  const beforeOf = new Map(before.map((b) => [b.what, b]));
  now.forEach((r) => {
    const b = beforeOf.get(r.what);
    const beforeText = b && Number.isFinite(b.value) ? b.text(b.value) : '';
    lines.push(
      `| ${r.id} | ${r.what} | ${r.floor} | ${Number.isFinite(r.value) ? r.text(r.value) : ''} | ${r.goalText} | ${met(r)} | ${beforeText} |`,
    );
  });
  if (items.sso)
    lines.push(
      '',
      '| IAM Identity Center (issue 6), this build | figure | goal | met |',
      '| --- | --- | --- | --- |',
      ...ssoRows(items.sso),
    );
  return lines;
}

export function writeReport(results, { write, command, log }) {
  const labels = Object.keys(results.passes);
  const m = results.machine;
  const md = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`${command}\` in ${results.seconds} s.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average ${m.loadBefore.join(' ')} before, ${m.loadAfter.join(' ')} after.`,
    `Medians of ${results.runs} interleaved runs per figure unless noted; every ratio divides two medians measured side by side in the same run.`,
    '',
    ...labels.flatMap((label) => [...passTable(label, results.passes[label], results.baseline), '']),
    '![awsx against its goals](benchmarks.svg)',
  ].join('\n');
  process.stdout.write(`\n${md}\n`);
  if (!write) return;
  const docPath = join(root, 'docs', 'benchmarks.md');
  const doc = existsSync(docPath)
    ? readFileSync(docPath, 'utf8')
    : '# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n';
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const at = doc.indexOf(begin);
  const to = doc.indexOf(end);
  writeFileSync(
    docPath,
    at >= 0 && to > at
      ? `${doc.slice(0, at + begin.length)}\n${md}\n${doc.slice(to)}`
      : `${doc.trimEnd()}\n\n${begin}\n${md}\n${end}\n`,
  );
  writeFileSync(join(root, 'docs', 'benchmarks.svg'), renderChart(results));
  writeFileSync(join(root, 'docs', 'benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('wrote docs/benchmarks.md, docs/benchmarks.svg and docs/benchmarks.json');
}

/** The chart of the first pass (the npm scripts' Node). */
export function renderChart(results) {
  const label = Object.keys(results.passes)[0];
  const first = results.passes[label];
  return chart(label, goalRows(first, 'now'), goalRows(first, 'before'), results.baseline);
}

/** Two bars per goal, measured / goal (the dashed line is the goal): now (green when met, else red), before (grey). */
function chart(label, now, before, baseline) {
  const beforeOf = new Map(before.filter((b) => Number.isFinite(b.value)).map((b) => [b.what, b]));
  const bars = now.flatMap((r) => {
    if (r.goal === undefined || !Number.isFinite(r.value)) return [];
    const b = beforeOf.get(r.what);
    const label = r.what
      .replace(/`/g, '')
      .replace(/ \(.*?\)/g, '')
      .replace(/ \/ .*$/, '')
      .slice(0, 52);
    return [
      {
        label,
        rel: r.value / r.goal,
        text: r.text(r.value),
        before: b ? { rel: b.value / r.goal, text: b.text(b.value) } : undefined,
      },
    ];
  });
  const max = Math.max(2, ...bars.flatMap((b) => [Math.min(b.rel, 6), Math.min(b.before?.rel ?? 0, 6)]));
  const left = 330;
  const width = 400;
  const rowH = 34;
  const h = 60 + bars.length * rowH;
  const x = (rel) => Math.round((left + (Math.min(rel, max) / max) * width) * 10) / 10;
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 190}" height="${h}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="10" y="18" font-weight="bold">awsx against its goals, ${esc(label)} (bar: measured / goal; dashed line: the goal; grey: before, ${esc(baseline)})</text>`,
  ];
  bars.forEach((b, i) => {
    const y = 34 + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 12}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(
      `<rect x="${left}" y="${y}" width="${Math.max(1, x(b.rel) - left)}" height="14" fill="${b.rel <= 1 ? '#3a9d5d' : '#d9534f'}"/>`,
    );
    parts.push(`<text x="${x(b.rel) + 6}" y="${y + 12}">${esc(b.text)}${b.rel > max ? ' (off scale)' : ''}</text>`);
    if (b.before) {
      parts.push(
        `<rect x="${left}" y="${y + 16}" width="${Math.max(1, x(b.before.rel) - left)}" height="9" fill="#bbb"/>`,
      );
      parts.push(
        `<text x="${x(b.before.rel) + 6}" y="${y + 25}" font-size="10" fill="#666">${esc(b.before.text)}${b.before.rel > max ? ' (off scale)' : ''}</text>`,
      );
    }
  });
  parts.push(`<line x1="${x(1)}" y1="28" x2="${x(1)}" y2="${h - 14}" stroke="#333" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${x(1)}" y="${h - 3}" text-anchor="middle" font-size="10">goal</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
