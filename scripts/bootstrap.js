// The head of dist/awsx.js (scripts/build.mjs fills in the __AWSX_*__ values and drops this comment).
// Compiling the ~1.9 MB program is most of awsx's start-up, so the program is not module code here: it sits in
// a comment at the end of this file, and this bootstrap compiles it with node:vm, handing V8 the code cache
// it saved after an earlier run. V8 then deserialises instead of parsing. The cache lives in
// <awsx cache dir>/code/, one file per build, command and Node version, mode 0600; a missing, foreign or rejected
// cache only costs the compile it would have saved, and is rewritten when the process exits.
// AWSX_NO_CODE_CACHE=1 turns the cache off (no read, no write).
//
// Before any of that, a read-only command may be answered from a replay record: the exact output of an
// earlier run with the same arguments and AWS/AWSX environment, written by the program
// (src/services/fast-path.ts), and used only while every file the answer came from (config, credentials,
// session files, role caches) is unchanged and, for sessions, while the session has its required life left.
// Replayed: `credential-process`, `whoami` and `list` (the program decides which runs it records), and the
// picker's first frame (shown at once; the program then loads and takes the screen over).
// Anything else, or AWSX_NO_FAST_PATH=1 or AWSX_DEBUG=1, runs the program.
//
// This file runs as CommonJS (dist/package.json says so: a CommonJS entry starts ~4 ms sooner than an ES
// module) but is written to run as either: no import/export statements, no import.meta, no require; built-ins
// come through process.getBuiltinModule, and the program's own path is process.argv[1].
const { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } = process.getBuiltinModule('node:fs');

const HASH = '__AWSX_BUNDLE_HASH__';
const env = process.env;
const home = () => env.HOME || env.USERPROFILE || process.getBuiltinModule('node:os').homedir();
const expand = (p) => (p === '~' ? home() : p.startsWith('~/') ? home() + p.slice(1) : p.startsWith('/') ? p : `${process.cwd()}/${p}`);
const cacheBase = env.AWSX_CACHE_DIR ? expand(env.AWSX_CACHE_DIR) : env.XDG_CACHE_HOME ? `${expand(env.XDG_CACHE_HOME)}/awsx` : `${home()}/.cache/awsx`;
/**
 * What else decides how the picker draws: colours (Node's and chalk's checks, NO_COLOR), whether Ink draws at
 * all (CI), the terminal and the locale (text widths, the sort order of the rows).
 */
const DRAWING = /^(?:TERM|TERM_PROGRAM|TERM_PROGRAM_VERSION|COLORTERM|FORCE_COLOR|NO_COLOR|NODE_DISABLE_COLORS|TMUX|CI|CI_.*|CONTINUOUS_INTEGRATION|TRAVIS|CIRCLECI|APPVEYOR|GITLAB_CI|GITHUB_ACTIONS|GITEA_ACTIONS|BUILDKITE|DRONE|TEAMCITY_VERSION|TF_BUILD|AGENT_NAME|INK_.*|LANG|LANGUAGE|LC_.*)$/;

if (!fastPath()) runProgram();

function runProgram() {
  // The real path, as import.meta.url would be: argv[1] may be an npm bin symlink.
  const file = realpathSync(process.argv[1]);
  const { Script } = process.getBuiltinModule('node:vm');
  const text = readFileSync(file, 'latin1');
  const end = text.length - __AWSX_TRAILER__.length;
  const start = end - __AWSX_PAYLOAD_LENGTH__;
  if (text.slice(start - __AWSX_MARKER__.length, start) !== __AWSX_MARKER__ || text.slice(end) !== __AWSX_TRAILER__) {
    process.stderr.write(`awsx: ${file} is damaged (its program does not end where it should); reinstall awsx\n`);
    process.exit(1);
  }
  const source = text.slice(start, end).replaceAll(__AWSX_PAYLOAD_ESCAPED__, '*/');
  const kind = commandKind(process.argv.slice(2));
  const cache = env.AWSX_NO_CODE_CACHE && env.AWSX_NO_CODE_CACHE !== '0' ? undefined : codeCache(file, kind);
  const script = new Script(source, { filename: file, lineOffset: __AWSX_LINE_OFFSET__, cachedData: cache?.data });
  // The picker parses the whole config into objects it keeps: each scavenge then sees most of the young
  // generation survive, and V8 doubles it up to its 2 x 16 MB maximum, which stays committed. Kept at its
  // first size it promotes them sooner instead: ~20 MB less peak RSS at 20,000 profiles. The picker restores
  // V8's default (2) once its first frame is drawn (src/ui/run-picker.tsx). Set after the code cache is read
  // and put back before one is written: V8 rejects a cache made under other flags.
  const growth = (factor) => process.getBuiltinModule('node:v8').setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  if (kind === 'picker') growth(1);
  if (cache && (cache.data === undefined || script.cachedDataRejected)) {
    // Written after the command, so it holds the functions this command compiled, and no others: each
    // command deserialises only its own code (the picker's is large; credential-process's small).
    process.once('exit', () => {
      if (kind === 'picker') growth(2);
      cache.save(script);
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, process.getBuiltinModule('node:module').createRequire(file), module, file, file.slice(0, file.lastIndexOf('/')), process.getBuiltinModule('node:url').pathToFileURL(file).href);
}

/** A file's identity and version: any write (even one that keeps size and mtime) changes its ctime. */
function stamp(path) {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return '-';
  }
}

/** Reads a file of ours that nobody else can write; undefined otherwise. */
function readPrivate(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if ((typeof process.getuid === 'function' && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0 || st.size > 64 * 1024 * 1024) return undefined;
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === st.size ? buf : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Answers the command from its replay record when still valid; true if it did. */
function fastPath() {
  const argv = process.argv.slice(2);
  // The picker (no arguments, on a terminal) may show its first frame from a record, then runs as usual.
  const picker = argv.length === 0;
  // Commands whose runs the program may record (src/services/fast-path.ts decides which runs).
  if (!picker && argv[0] !== 'credential-process' && argv[0] !== 'whoami' && argv[0] !== 'list') return false;
  if ((env.AWSX_NO_FAST_PATH && env.AWSX_NO_FAST_PATH !== '0') || env.AWSX_DEBUG) return false;
  let size;
  if (picker) {
    const { isatty } = process.getBuiltinModule('node:tty');
    if (!isatty(0) || !isatty(2)) return false;
    // The program draws on this stream: it costs nothing extra to create it here.
    size = { columns: process.stderr.columns, rows: process.stderr.rows };
  }
  const names = Object.keys(env)
    // Everything the answer may depend on: AWS and awsx settings, where files are, and the user name that
    // goes into role session names (USER, USERNAME; AWSX_SESSION_USER is among the AWS* names).
    .filter((k) => k.startsWith('AWS') || k === 'HOME' || k === 'USERPROFILE' || k === 'XDG_CACHE_HOME' || k === 'USER' || k === 'USERNAME' || (picker && DRAWING.test(k)))
    .sort();
  // A relative path in the environment means another file from another folder.
  const relative = names.some((k) => /(?:FILE|DIR|HOME)$/.test(k) && env[k] !== '' && !env[k].startsWith('/') && !env[k].startsWith('~'));
  // Only a digest of it is kept (the environment may hold a secret key): ~120 bits of non-cryptographic hash,
  // as node:crypto would cost more to load (~4 ms) than the whole answer. Every answer depends on the build
  // (an upgrade may print other output); a frame also on the Node version (its ICU sorts the rows) and the
  // terminal's size.
  const parts = [2, HASH, argv, names.map((k) => [k, env[k]]), relative ? process.cwd() : ''];
  if (picker) parts.push(process.version, size.columns, size.rows);
  const key = digest(JSON.stringify(parts));
  const path = `${cacheBase}/fast/${key.slice(0, 8)}.rec`;
  // The program writes the record after a run it can replay (see src/services/fast-path.ts).
  const hook = (globalThis.__awsxFastPath = { key, path, stamp });
  if (picker) hook.size = size;
  let answer;
  try {
    // A record: one line of JSON (the header), then the bytes of stdout, then those of stderr.
    const buf = readPrivate(path);
    const nl = buf ? buf.indexOf(10) : -1;
    if (nl < 0) return false;
    const record = JSON.parse(buf.toString('utf8', 0, nl));
    if (record.v !== 2 || record.key !== key || !Number.isSafeInteger(record.stdout) || !Number.isSafeInteger(record.stderr)) return false;
    if (nl + 1 + record.stdout + record.stderr !== buf.length) return false;
    if (record.expiresAt !== undefined && !(record.expiresAt - Date.now() > record.minRemainingMs)) return false;
    if (!Array.isArray(record.files) || record.files.length === 0 || !record.files.every(([p, s]) => stamp(p) === s)) return false;
    answer = { out: buf.subarray(nl + 1, nl + 1 + record.stdout), err: buf.subarray(nl + 1 + record.stdout) };
  } catch {
    return false;
  }
  if (picker) return showFrame(hook, answer);
  // Straight to fds 1 and 2: creating process.stdout (a socket for a pipe) would cost more than the answer.
  writeAll(1, answer.out, () => process.stdout);
  writeAll(2, answer.err, () => process.stderr);
  return true;
}

/**
 * The picker's first frame, as recorded (src/services/frame-replay.ts): the switch to the alternate screen and
 * the frame, with the terminal in raw mode, so keys typed before the picker reads them are neither echoed over
 * the frame nor held for a whole line (Ink reads them, in order, from the same process.stdin). The program
 * then runs and takes the screen over (false: the command is not answered yet). Should the program end before
 * it does, the exit leaves the alternate screen.
 */
function showFrame(hook, answer) {
  if (answer.out.length !== 0 || answer.err.length === 0) return false;
  // Raw mode first: a key typed as soon as the frame shows must not be echoed over it.
  try {
    process.stdin.setRawMode(true);
  } catch {
    return false; // the program says what is wrong with this terminal
  }
  writeAll(2, answer.err, () => process.stderr);
  hook.frame = answer.err;
  globalThis.__awsxFrameShown = true;
  process.once('exit', () => {
    if (globalThis.__awsxFrameShown === true) writeAll(2, Buffer.from('\x1b[?2026l\x1b[?25h\x1b[?1049l'), () => process.stderr);
  });
  return false;
}

/** FNV-1a (32 bits) and cyrb53 with two seeds (53 bits each), in hex. */
function digest(text) {
  let f = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) f = Math.imul(f ^ text.charCodeAt(i), 0x01000193);
  const cyrb53 = (seed) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return (f >>> 0).toString(16).padStart(8, '0') + cyrb53(1) + cyrb53(2);
}

function writeAll(fd, bytes, stream) {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (error) {
      if (error.code === 'EAGAIN') {
        stream().write(bytes.subarray(at)); // a non-blocking pipe that is full: let Node wait for it
      } else if (error.code === 'EPIPE') {
        process.exitCode = 141; // the reader left (`awsx list | head`): stop quietly, as a shell tool does
      } else {
        throw error;
      }
      break;
    }
  }
}

/** Which code cache a command uses: the command (and the subcommand of sso and profile), or the picker. */
function commandKind(argv) {
  if (argv.length === 0) return 'picker';
  const words = /^(?:sso|profile)$/.test(argv[0]) && argv[1] !== undefined ? [argv[0], argv[1]] : [argv[0]];
  const kind = words.join('-');
  return /^[a-z][a-z0-9-]{0,39}$/.test(kind) ? kind : 'other';
}

function codeCache(file, kind) {
  const dir = `${cacheBase}/code`;
  const name = `${HASH}-${kind}-${process.version}-${process.arch}.cache`;
  const path = `${dir}/${name}`;
  const stampOfFile = stamp(file);
  const result = { data: undefined, save };
  try {
    const buf = readPrivate(path);
    if (buf && buf.length > 4) {
      const headerLength = buf.readUInt32LE(0);
      const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength));
      if (header.stamp === stampOfFile) result.data = buf.subarray(4 + headerLength);
    }
  } catch {
    // an unreadable cache: compile from source
  }
  function save(compiled) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const names = readdirSync(dir);
      // Unknown words (typos) each get a cache too: at most 32 per build.
      if (!names.includes(name) && names.filter((n) => n.startsWith(`${HASH}-`)).length >= 32) return;
      const data = compiled.createCachedData();
      const header = Buffer.from(JSON.stringify({ stamp: stampOfFile }));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length);
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, Buffer.concat([length, header, data]), { mode: 0o600, flag: 'wx' });
      renameSync(tmp, path);
      // Caches of other builds not rewritten for a week are left over from upgrades (two installs in use keep
      // theirs: each is rewritten only when its build or Node changes).
      const weekAgo = Date.now() - 7 * 86_400_000;
      for (const other of names) {
        if (!other.startsWith(`${HASH}-`) && other.endsWith('.cache') && statSync(`${dir}/${other}`).mtimeMs < weekAgo) unlinkSync(`${dir}/${other}`);
      }
    } catch {
      // a read-only or full disk: the next run compiles from source again
    }
  }
  return result;
}
