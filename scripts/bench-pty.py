#!/usr/bin/env python3
"""Runs one program in a pseudo-terminal for scripts/bench.mjs and times what appears on its screen.

Reads a JSON spec on stdin, prints a JSON result on stdout. The spec:
  argv, env, cols, rows, timeout (s)
  steps: a list of
    {"name": N, "expect": REGEX}                  time from spawn (first step) or from the previous step's
                                                  end until REGEX matches the text (escape sequences removed)
                                                  written since then
    {"name": N, "send": TEXT, "expect": REGEX, "settle": MS}
                                                  writes TEXT (a keystroke), then times until REGEX matches the
                                                  output since the write; with settle, also the time of the
                                                  last output before MS ms of silence
    {"name": N, "send": TEXT, "expect": REGEX, "from_spawn": true}
                                                  the same, timed from the spawn (how soon the program reacts
                                                  to a key typed at once); the time from the write is key_ms
    {"sleep": SECONDS}
    {"rss": true}                                 the process's peak resident set (VmHWM) so far, in KiB
    {"quit": TEXT}                                writes TEXT and waits for the exit
    {"name": N, "exit": true}                     time until the process has exited (its side of the
                                                  terminal closed)
A pseudo-terminal, not tmux: the driver sees every byte as it is written, without polling a screen.
"""
import codecs
import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

TOP_BAR = re.compile(r'awsx \d')  # the picker's first line: where a frame starts
ANSI = re.compile(rb'\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78NOPc]')


def main():
    spec = json.load(sys.stdin)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', spec.get('rows', 40), spec.get('cols', 120), 0, 0))
    deadline = time.monotonic() + spec.get('timeout', 60)
    start = time.perf_counter()
    proc = subprocess.Popen(spec['argv'], env=spec['env'], stdin=slave, stdout=slave, stderr=slave, start_new_session=True, close_fds=True)
    os.close(slave)
    out = {'results': [], 'rss_kib': None, 'exit': None, 'error': None, 'tail': ''}
    # The text written so far, escape sequences removed, from the current step's mark; it is cut at the last
    # top bar ("awsx 123") before each read, so a search never rescans old frames.
    acc = ''
    tail = ''
    pending = b''
    decoder = codecs.getincrementaldecoder('utf-8')('replace')
    last_output = start

    def read_some(wait):
        nonlocal last_output, acc, tail, pending
        ready, _, _ = select.select([master], [], [], wait)
        if not ready:
            return False
        try:
            data = os.read(master, 1 << 16)
        except OSError:
            data = b''
        if not data:
            raise EOFError
        last_output = time.perf_counter()
        data = pending + data
        pending = b''
        esc = data.rfind(b'\x1b')
        if esc >= 0 and len(data) - esc < 64 and not ANSI.match(data, esc):
            data, pending = data[:esc], data[esc:]  # an escape sequence cut in two: wait for its end
        text = decoder.decode(ANSI.sub(b'', data))
        acc += text
        tail = (tail + text)[-3000:]
        return True

    def wait_for(pattern, mark):
        nonlocal acc
        rx = re.compile(pattern, re.S)
        while True:
            m = rx.search(acc)
            if m:
                found = acc[m.start():m.end()]
                acc = acc[m.end():]
                return (last_output - mark) * 1000, found
            tops = [t.start() for t in TOP_BAR.finditer(acc, max(0, len(acc) - 200000))]
            keep = max(0, len(acc) - 64) if not tops else min(tops[-1], max(0, len(acc) - 64))
            acc = acc[keep:]
            if time.monotonic() > deadline:
                raise TimeoutError(pattern)
            read_some(min(0.5, max(0.0, deadline - time.monotonic())))

    mark = start
    try:
        for step in spec['steps']:
            if 'sleep' in step:
                end = time.perf_counter() + step['sleep']
                while time.perf_counter() < end:
                    read_some(max(0.0, end - time.perf_counter()))
                continue
            if step.get('rss'):
                with open(f'/proc/{proc.pid}/status') as f:
                    for line in f:
                        if line.startswith('VmHWM:'):
                            out['rss_kib'] = int(line.split()[1])
                continue
            if step.get('exit'):
                # the process ends: the terminal's other side closes (EOF, or EIO on Linux)
                try:
                    while True:
                        if time.monotonic() > deadline:
                            raise TimeoutError('exit')
                        read_some(0.5)
                except EOFError:
                    pass
                out['results'].append({'name': step.get('name'), 'ms': (time.perf_counter() - mark) * 1000})
                break
            if 'quit' in step:
                os.write(master, step['quit'].encode())
                break
            if 'send' in step:
                acc = ''
                mark = time.perf_counter()
                os.write(master, step['send'].encode())
            ms, found = wait_for(step['expect'], mark)
            result = {'name': step.get('name'), 'ms': ms}
            if step.get('from_spawn'):
                result = {'name': step.get('name'), 'ms': ms + (mark - start) * 1000, 'key_ms': ms}
            if step.get('settle'):
                quiet = step['settle'] / 1000
                while read_some(quiet):
                    pass
                result['settled_ms'] = (last_output - mark) * 1000
            if step.get('capture'):
                m = re.search(step['capture'], found, re.S)
                if m:
                    result['captured'] = m.groups()
            out['results'].append(result)
            mark = time.perf_counter()
    except (TimeoutError, EOFError) as e:
        out['error'] = f'{type(e).__name__}: {e}'
        out['tail'] = tail
    try:
        end = time.monotonic() + spec.get('exit_wait', 5)
        while proc.poll() is None and time.monotonic() < end:
            try:
                read_some(0.05)
            except EOFError:
                break
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        out['exit'] = proc.wait(5)
    finally:
        os.close(master)
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
