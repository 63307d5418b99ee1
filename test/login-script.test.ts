import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import * as PUPPET from 'wechaty-puppet';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Runs `npm run login`'s script for the harness's bot; resolves with its output and exit code. */
function runLogin(h: Pick<Harness, 'config'>, onOutput: (text: string) => void) {
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
    const harness = h;
    await h.world.puppet.logout();
    h.world.puppet.emit('scan', { qrcode: 'https://login.weixin.qq.com/l/test-code', status: PUPPET.types.ScanStatus.Waiting });

    let loggedIn = false;
    const { output, code } = await runLogin(harness, (text) => {
      if (loggedIn || !text.includes('扫描这个二维码')) return;
      loggedIn = true;
      harness.world.login();
    });
    expect(output).toContain('请用助手要使用的微信号扫描这个二维码登录');
    expect(output).toMatch(/[▀▄█]/); // the code, drawn in the terminal
    expect(output).toContain('已登录');
    expect(code).toBe(0);
  });

  it('says within 5 s, and what to run, when no bot is waiting for a scan', async () => {
    // Starting tsx alone takes seconds on a loaded machine: measured first, it is not the script's time.
    const tsxStartedAt = performance.now();
    await new Promise((resolve) => spawn('npx', ['tsx', '-e', '0']).on('close', resolve));
    const tsxSeconds = (performance.now() - tsxStartedAt) / 1000;

    const startedAt = performance.now();
    const { output, code } = await runLogin({ config: { QUEUE_PREFIX: `login-none-${Date.now()}`, BOT_NAME: 'nobody-running' } as Harness['config'] }, () => {});
    const seconds = (performance.now() - startedAt) / 1000;
    expect(output.trim()).toBe('没有正在等待扫码的助手（nobody-running）：请先在另一个终端运行 npm start，它请求扫码后再运行 npm run login。');
    expect(code).toBe(1);
    expect(seconds - tsxSeconds).toBeLessThan(5);
  });
});
