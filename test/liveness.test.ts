import { afterEach, describe, expect, it } from 'vitest';
import * as PUPPET from 'wechaty-puppet';
import { createOperatorAlerts } from '../src/alerts/operator-alerts.ts';
import { createLogger } from '../src/log.ts';
import { MockWorld } from '../src/simulator/mock-world.ts';
import { AccountLiveness } from '../src/wechaty/account-liveness.ts';
import { startHarness } from './support/harness.ts';
import { seedBranchWithPeople } from './support/seed.ts';
import { queueNotice } from './support/queue-notice.ts';
import { waitFor } from './support/wait-for.ts';
import { startWebhook } from './support/webhook.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harnessWithWebhook(env: Record<string, string> = {}) {
  const webhook = await startWebhook();
  cleanups.push(webhook.close);
  const h = await startHarness({ ALERT_WEBHOOK_URL: webhook.url, ...env });
  cleanups.push(() => h.stop());
  return { h, webhook };
}

describe('account liveness', () => {
  it('holds the outbox while logged out, alerts the operator once, and resumes after the cool-down', async () => {
    const { h, webhook } = await harnessWithWebhook({ RESUME_COOLDOWN_MINUTES: '0.02' });
    const { secretaryRow, members } = await seedBranchWithPeople(h, 3, { linkedGroup: false });

    await h.world.puppet.logout();
    await waitFor(() => webhook.bodies.length === 1);
    expect(webhook.bodies[0]).toMatchObject({ event: 'logged-out', account: h.config.BOT_NAME });
    // wechat4u asks for a new scan as well: still the same incident, no second alert.
    h.world.puppet.emit('scan', { qrcode: 'https://login.weixin.qq.com/l/x', status: PUPPET.types.ScanStatus.Waiting });

    await queueNotice(h, secretaryRow.id, '周六上午开会');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const memberIds = members.map((m) => m.row.id);
    const held = await h.db.delivery.findMany({ where: { memberId: { in: memberIds } } });
    // Held, not attempted: no send failed against the logged-out account.
    expect(held.map((d) => [d.status, d.reason])).toEqual([['QUEUED', null], ['QUEUED', null], ['QUEUED', null]]);
    for (const { contact } of members) expect(h.received(contact.id)).toEqual([]);

    const loggedInAt = Date.now();
    h.world.login();
    await waitFor(() => members.every(({ contact }) => h.received(contact.id).length === 1));
    // Not before the cool-down (1.2 s here).
    expect(Date.now() - loggedInAt).toBeGreaterThanOrEqual(1_100);
    const sent = await h.db.delivery.findMany({ where: { memberId: { in: memberIds } } });
    expect(sent.map((d) => [d.status, d.reason])).toEqual([['SENT', null], ['SENT', null], ['SENT', null]]);
    expect(webhook.bodies.map((body) => body.event)).toEqual(['logged-out', 'back-online']);
  });

  it('takes a scan after a login, or a heartbeat saying so, for a logout', async () => {
    const { h, webhook } = await harnessWithWebhook({ RESUME_COOLDOWN_MINUTES: '0' });
    h.world.puppet.emit('scan', { qrcode: 'https://login.weixin.qq.com/l/x', status: PUPPET.types.ScanStatus.Waiting });
    await waitFor(() => webhook.bodies.length === 1);
    expect(webhook.bodies[0]).toMatchObject({ event: 'logged-out' });

    await h.world.puppet.logout(); // the mock still thinks it is logged in; a real puppet would not
    h.world.login();
    await waitFor(() => webhook.bodies.length === 2);
    h.world.puppet.emit('heartbeat', { data: 'logout: kicked by another device' });
    await waitFor(() => webhook.bodies.length === 3);
    expect(webhook.bodies.map((body) => body.event)).toEqual(['logged-out', 'back-online', 'logged-out']);
  });
});

describe('silence', () => {
  it('reports hours without any message during the day once, and says when messages come again', async () => {
    const webhook = await startWebhook();
    cleanups.push(webhook.close);
    const world = new MockWorld();
    await world.puppet.start();
    world.login();
    cleanups.push(() => world.puppet.stop());
    let now = new Date('2026-12-01T03:00:00Z');
    let daytime = true;
    const liveness = new AccountLiveness(world.puppet, {
      alerts: createOperatorAlerts({ url: webhook.url, account: 'bot', log: createLogger('silent') }),
      silenceAlertMs: 6 * 3_600_000,
      isDaytime: () => daytime,
      onOffline: () => undefined,
      onOnline: () => undefined,
      now: () => now,
      log: createLogger('silent'),
      checkEveryMs: 10,
    });
    cleanups.push(async () => liveness.stop());

    now = new Date('2026-12-01T08:00:00Z'); // 5 hours: fine
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(webhook.bodies).toEqual([]);

    daytime = false;
    now = new Date('2026-12-01T15:00:00Z'); // 12 hours, but at night: members sleep
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(webhook.bodies).toEqual([]);

    daytime = true;
    await waitFor(() => webhook.bodies.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(webhook.bodies).toEqual([expect.objectContaining({ event: 'silent', text: expect.stringContaining('12 小时') })]);

    world.deliver({ from: world.createContact('张三'), text: '签到' });
    await waitFor(() => webhook.bodies.length === 2);
    expect(webhook.bodies[1]).toMatchObject({ event: 'heard-again' });
  });
});
