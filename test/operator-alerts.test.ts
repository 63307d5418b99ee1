import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { alertBody, createOperatorAlerts } from '../src/alerts/operator-alerts.ts';
import { createLogger } from '../src/log.ts';

interface Received {
  body: unknown;
}

/** A webhook on this machine; `answer` decides each response (by request number). */
async function startWebhook(answer: (index: number, response: ServerResponse) => void) {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      received.push({ body: JSON.parse(text) });
      answer(received.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-key-123`;
  return { url, received, close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function capturingLogger() {
  const lines: string[] = [];
  const log = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
  return { log, lines };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('operator alerts', () => {
  it('posts plain JSON naming the account and the event', async () => {
    const hook = await startWebhook((_index, response) => response.end('ok'));
    closers.push(hook.close);
    const alerts = createOperatorAlerts({ url: hook.url, account: 'branch-bot', log: capturingLogger().log });
    alerts.send({ event: 'logged-out', text: '微信已退出登录' });
    await alerts.flush();
    expect(hook.received).toEqual([{ body: expect.objectContaining({ account: 'branch-bot', event: 'logged-out', text: '微信已退出登录' }) }]);
  });

  it('speaks the WeCom group-robot format to a WeCom robot URL', () => {
    const robot = new URL('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc');
    expect(alertBody(robot, 'branch-bot', { event: 'logged-out', text: '微信已退出登录' }, new Date())).toEqual({
      msgtype: 'text',
      text: { content: '【流动党员助手 branch-bot】微信已退出登录' },
    });
  });

  it('times out a slow webhook and retries, without making the sender wait', async () => {
    // The first request never gets an answer; the second is answered.
    const hook = await startWebhook((index, response) => (index === 0 ? undefined : response.end('ok')));
    closers.push(hook.close);
    const { log, lines } = capturingLogger();
    const alerts = createOperatorAlerts({ url: hook.url, account: 'branch-bot', log, timeoutMs: 200, retryDelaysMs: [50] });
    const started = Date.now();
    alerts.send({ event: 'throttled', text: '微信限制了发送频率' });
    expect(Date.now() - started).toBeLessThan(50);
    await alerts.flush();
    expect(hook.received).toHaveLength(2);
    expect(lines.join('')).toContain('will retry');
  });

  it('gives up on a webhook that is down with a log line that does not show the URL', async () => {
    const hook = await startWebhook((_index, response) => response.end('ok'));
    await hook.close();
    const { log, lines } = capturingLogger();
    const alerts = createOperatorAlerts({ url: hook.url, account: 'branch-bot', log, retryDelaysMs: [10, 10] });
    alerts.send({ event: 'logged-out', text: '微信已退出登录' });
    await alerts.flush();
    const logged = lines.join('');
    expect(logged).toContain('giving up');
    expect(logged).not.toContain('secret-key-123');
  });

  it('without a URL, an alert still reaches the log', async () => {
    const { log, lines } = capturingLogger();
    const alerts = createOperatorAlerts({ url: '', account: 'branch-bot', log });
    alerts.send({ event: 'logged-out', text: '微信已退出登录' });
    await alerts.flush();
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ event: 'logged-out', msg: 'operator alert' })]);
  });
});
