// The head of dist/awsx.js (scripts/build.mjs fills in the __AWSX_*__ values and drops this comment).
// Compiling the ~1.9 MB program is most of awsx's start-up, so the program is not module code here: it sits in
// a comment at the end of this file, and this bootstrap compiles it with node:vm, handing V8 the code cache
// it saved after an earlier run. V8 then deserialises instead of parsing. The cache lives in
// <awsx cache dir>/code/, one file per build and Node version, mode 0600; a missing, foreign or rejected
// cache only costs the compile it would have saved, and is rewritten when the process exits.
// AWSX_NO_CODE_CACHE=1 turns the cache off (no read, no write).
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const HASH = '__AWSX_BUNDLE_HASH__';
const file = fileURLToPath(import.meta.url);
const text = readFileSync(file, 'latin1');
const end = text.length - __AWSX_TRAILER__.length;
const start = end - __AWSX_PAYLOAD_LENGTH__;
if (text.slice(start - __AWSX_MARKER__.length, start) !== __AWSX_MARKER__ || text.slice(end) !== __AWSX_TRAILER__) {
  process.stderr.write(`awsx: ${file} is damaged (its program does not end where it should); reinstall awsx\n`);
  process.exit(1);
}
const source = text.slice(start, end).replaceAll(__AWSX_PAYLOAD_ESCAPED__, '*/');
const env = process.env;
const kind = process.argv[2] === undefined ? 'picker' : process.argv[2].startsWith('-') ? '-' : process.argv[2].slice(0, 40);
const cache = env.AWSX_NO_CODE_CACHE && env.AWSX_NO_CODE_CACHE !== '0' ? undefined : codeCache();
const script = new Script(source, { filename: file, lineOffset: __AWSX_LINE_OFFSET__, cachedData: cache?.data });
if (cache && (cache.data === undefined || script.cachedDataRejected || !cache.kinds.includes(kind))) {
  // The cache is written after the command, so it holds the functions this command compiled; a command it
  // has not seen yet adds its own once.
  process.once('exit', () => cache.save(script, script.cachedDataRejected ? [kind] : [...cache.kinds, kind]));
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, file.slice(0, file.lastIndexOf('/')), import.meta.url);

function codeCache() {
  const home = () => env.HOME || env.USERPROFILE || homedir();
  const expand = (p) => (p === '~' ? home() : p.startsWith('~/') ? home() + p.slice(1) : p.startsWith('/') ? p : `${process.cwd()}/${p}`);
  const base = env.AWSX_CACHE_DIR ? expand(env.AWSX_CACHE_DIR) : env.XDG_CACHE_HOME ? `${expand(env.XDG_CACHE_HOME)}/awsx` : `${home()}/.cache/awsx`;
  const dir = `${base}/code`;
  const name = `${HASH}-${process.version}-${process.arch}.cache`;
  const path = `${dir}/${name}`;
  let stamp = '';
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {}
  const result = { data: undefined, kinds: [], save };
  let fd;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    // Only a file of ours that nobody else can write: cached code runs as awsx.
    if ((typeof process.getuid !== 'function' || st.uid === process.getuid()) && (st.mode & 0o022) === 0 && st.size > 4 && st.size < 64 * 1024 * 1024) {
      const buf = Buffer.allocUnsafe(st.size);
      let got = 0;
      while (got < st.size) {
        const n = readSync(fd, buf, got, st.size - got, got);
        if (n === 0) break;
        got += n;
      }
      const headerLength = buf.readUInt32LE(0);
      const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength));
      if (got === st.size && header.stamp === stamp && Array.isArray(header.kinds)) {
        result.data = buf.subarray(4 + headerLength);
        result.kinds = header.kinds;
      }
    }
  } catch {
    // no cache yet, or an unreadable one: compile from source
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  function save(compiled, kinds) {
    try {
      const data = compiled.createCachedData();
      const header = Buffer.from(JSON.stringify({ stamp, kinds: kinds.slice(-32) }));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, Buffer.concat([length, header, data]), { mode: 0o600, flag: 'wx' });
      renameSync(tmp, path);
      // Caches of other builds not rewritten for a week are left over from upgrades (two installs in use keep
      // theirs: each is rewritten only when its build or Node changes).
      const weekAgo = Date.now() - 7 * 86_400_000;
      for (const other of readdirSync(dir)) {
        if (other !== name && other.endsWith('.cache') && statSync(`${dir}/${other}`).mtimeMs < weekAgo) unlinkSync(`${dir}/${other}`);
      }
    } catch {
      // a read-only or full disk: the next run compiles from source again
    }
  }
  return result;
}
