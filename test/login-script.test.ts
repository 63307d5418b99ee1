import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import * as PUPPET from 'wechaty-puppet';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

/** Runs `npm run login`'s script for the harness's bot; resolves with its output and exit code. */
function runLogin(h: Harness, onOutput: (text: string) => void) {
  const child = spawn('npx', ['tsx', 'scripts/login.ts'], {
    env: { ...process.env, WECHATY_PUPPET: 'wechaty-puppet-mock', QUEUE_PREFIX: h.config.QUEUE_PREFIX, BOT_NAME: h.config.BOT_NAME, LOGIN_WAIT_SECONDS: '20' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    onOutput(output);
  });
  return new Promise<{ output: string; code: number | null }>((resolve) => child.on('close', (code) => resolve({ output, code })));
}

describe('npm run login', () => {
  it("shows the QR code the running bot's puppet asks to be scanned, and ends once the account is logged in", async () => {
    h = await startHarness();
    await h.world.puppet.logout();
    h.world.puppet.emit('scan', { qrcode: 'https://login.weixin.qq.com/l/test-code', status: PUPPET.types.ScanStatus.Waiting });

    let loggedIn = false;
    const { output, code } = await runLogin(h, (text) => {
      if (loggedIn || !text.includes('Scan this QR code')) return;
      loggedIn = true;
      h.world.login();
    });
    expect(output).toContain('Scan this QR code');
    expect(output).toMatch(/[▀▄█]/); // the code, drawn in the terminal
    expect(output).toContain('logged in');
    expect(code).toBe(0);
  });
});
