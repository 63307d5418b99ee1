import type { Logger } from '../log.ts';

export interface OperatorAlert {
  /** What happened, for machines: logged-out, silent, back-online, throttled … */
  event: string;
  /** What happened, for the operator (Chinese, no personal data). */
  text: string;
}

export interface OperatorAlerts {
  /** Posts the alert in the background; never throws and never makes the caller wait. */
  send(alert: OperatorAlert): void;
  /** Resolves when every alert sent so far was posted or given up (tests, shutdown). */
  flush(): Promise<void>;
}

/** WeCom (企业微信) group robots take `{"msgtype":"text","text":{"content":…}}`; anything else gets plain JSON. */
function isWeComRobot(url: URL): boolean {
  return url.hostname === 'qyapi.weixin.qq.com' && url.pathname.startsWith('/cgi-bin/webhook/send');
}

export function alertBody(url: URL, account: string, alert: OperatorAlert, at: Date): object {
  if (isWeComRobot(url)) return { msgtype: 'text', text: { content: `【流动党员助手 ${account}】${alert.text}` } };
  return { account, event: alert.event, text: alert.text, at: at.toISOString() };
}

/**
 * Alerts for the deployment's operator through `ALERT_WEBHOOK_URL`: a channel that does not
 * depend on the WeChat account, since the account being gone is what it reports. A webhook that
 * is down or slow is timed out and retried a few times, then given up with a log line; sending
 * to members never waits for it. The URL carries the robot's key, so it is never logged.
 */
export function createOperatorAlerts(options: {
  url: string;
  account: string;
  log: Logger;
  timeoutMs?: number;
  retryDelaysMs?: number[];
}): OperatorAlerts {
  const { account, log } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retryDelaysMs = options.retryDelaysMs ?? [2_000, 10_000, 60_000];
  const pending = new Set<Promise<void>>();
  const url = options.url ? new URL(options.url) : null;

  async function post(alert: OperatorAlert): Promise<void> {
    if (!url) return;
    const body = alertBody(url, account, alert, new Date());
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) return;
        throw new Error(`webhook answered ${response.status}`);
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        if (delay === undefined) {
          log.error({ event: alert.event, err: error }, 'operator alert not delivered; giving up');
          return;
        }
        log.warn({ event: alert.event, attempt: attempt + 1, err: error }, 'operator alert not delivered; will retry');
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  return {
    send(alert) {
      log.warn({ event: alert.event }, 'operator alert');
      const posting = post(alert);
      pending.add(posting);
      void posting.finally(() => pending.delete(posting));
    },
    async flush() {
      await Promise.all(pending);
    },
  };
}
