// `awsx demo` in a real terminal: it starts, says it is a demo, and a scripted run uses a chained role
// (Enter opens a shell as it, where the AWS CLI sees the assumed role) and the MFA role with the code the
// demo shows on screen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipWithout } from '../helpers/tools.js';
import { startTmux, type Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']) || skipWithout('aws', ['--version']);

describe.skipIf(skip)('awsx demo in tmux', () => {
  let sb: Sandbox;
  let tmux: Tmux;
  beforeEach(async () => {
    sb = makeSandbox();
    tmux = await startTmux({
      width: 120,
      height: 40,
      command: `${process.execPath} ${AWSX} demo`,
      env: { ...sb.env, TERM: 'xterm-256color', SHELL: '/bin/bash', PS1: 'demo$ ' },
    });
  });
  afterEach(async () => {
    await tmux.kill();
    sb.cleanup();
  });

  it('renders as a demo, uses a 3-hop chain, then the MFA role with the code shown on screen', async () => {
    const first = await tmux.waitFor(/DEMO +MFA code \d{6}/, 'the demo badge');
    expect(first).toMatch(/dev-network-audit +role +444444444444 +Auditor/);
    expect(first).toMatch(/sso-sandbox +SSO/);

    await tmux.type('/audit');
    await tmux.waitFor(/awsx 1\/\d+ \/ audit/, 'the filter');
    await tmux.send('Enter');
    await tmux.waitFor(/a subshell as dev-network-audit/, 'the demo shell');
    await tmux.type('aws sts get-caller-identity --output text --query Arn', true);
    await tmux.waitFor(/arn:aws:sts::444444444444:assumed-role\/Auditor\/\S+@Auditor/, 'the assumed role in the shell');
    // No history file in the demo's temporary HOME: it would be written there as awsx removes that HOME.
    await tmux.type('echo "history in $HISTFILE"', true);
    await tmux.waitFor(/^history in \/dev\/null$/m, 'the demo shell without a history file');
    await tmux.type('exit', true);

    const back = await tmux.waitFor(/DEMO +MFA code \d{6}/, 'the picker again');
    const code = /MFA code (\d{6}) \((\d+)s\)/.exec(back)!;
    if (Number(code[2]) < 5) await tmux.waitFor((s) => !s.includes(`MFA code ${code[1]}`), 'the next code');
    const shown = /MFA code (\d{6})/.exec(await tmux.screen())![1]!;
    await tmux.send('Escape');
    // Typed at once, ESC and "p" can arrive in one read, which terminals mean as Alt-p: wait for the clear.
    await tmux.waitFor(/awsx \d+ \/ type to filter/, 'the cleared filter');
    await tmux.type('prod-admin');
    await tmux.send('Tab');
    await tmux.send('i');
    await tmux.waitFor(/MFA code for prod-admin[\s\S]*mfa\/alice/, 'the inline MFA prompt');
    await tmux.type(shown, true);
    await tmux.waitFor(/arn:aws:sts::555555555555:assumed-role\/Admin\//, 'whoami of the MFA role');
  });

  it('an SSO role: Enter signs in inline (the demo approves the device code), then the role is used', async () => {
    await tmux.waitFor(/DEMO +MFA code \d{6}/, 'the demo badge');
    await tmux.type('sso-sandbox');
    await tmux.waitFor(/awsx 1\/\d+ \/ sso-sandbox/, 'the filter');
    await tmux.send('Enter');
    await tmux.waitFor(/[A-Z0-9]{4}-[A-Z0-9]{4}/, 'the device code panel');
    await tmux.waitFor(/a subshell as sso-sandbox/, 'the demo shell after the approval', 30_000);
    await tmux.type('aws sts get-caller-identity --output text --query Arn', true);
    await tmux.waitFor(
      /arn:aws:sts::\d{12}:assumed-role\/AWSReservedSSO_\w+_[0-9a-f]+\/alice@demo-corp\.example/,
      'the SSO role in the shell',
    );
  });
});

describe.skipIf(skip)('awsx on a machine with no AWS config', () => {
  it('offers the demo, and Enter opens it', async () => {
    const sb = makeSandbox();
    const tmux = await startTmux({
      width: 100,
      height: 30,
      command: `${process.execPath} ${AWSX}`,
      env: { ...sb.env, TERM: 'xterm-256color' },
    });
    try {
      await tmux.waitFor(/no AWS profiles in [\s\S]*Try the demo .*\[Y\/n\]/, 'the offer');
      await tmux.send('Enter');
      await tmux.waitFor(/DEMO +MFA code \d{6}/, 'the demo');
    } finally {
      await tmux.kill();
      sb.cleanup();
    }
  });
});
