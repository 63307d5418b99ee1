import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has local defaults for everything', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/engagement');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.APP_TIME_ZONE).toBe('Asia/Shanghai');
    expect(config.WECHATY_PUPPET).toBe('');
  });

  it("keeps its own time zone whatever the operating system's TZ says", () => {
    // Containers set TZ=UTC, or TZ=:/etc/localtime; neither may move local days, quiet hours or crons.
    expect(loadConfig({ TZ: 'UTC' }).APP_TIME_ZONE).toBe('Asia/Shanghai');
    expect(loadConfig({ TZ: ':/etc/localtime' }).APP_TIME_ZONE).toBe('Asia/Shanghai');
    expect(loadConfig({ TZ: 'UTC', APP_TIME_ZONE: 'Asia/Urumqi' }).APP_TIME_ZONE).toBe('Asia/Urumqi');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ APP_TIME_ZONE: '', GROUP_REPLY_WINDOW_SECONDS: '' }).GROUP_REPLY_WINDOW_SECONDS).toBe(15);
  });

  it('names every bad variable in one error', () => {
    const bad = () =>
      loadConfig({ DATABASE_URL: 'mysql://x', APP_TIME_ZONE: 'Mars/Olympus', GROUP_REPLY_WINDOW_SECONDS: 'soon', LOG_LEVEL: 'loud' });
    expect(bad).toThrow(ConfigError);
    const message = (() => {
      try {
        bad();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('DATABASE_URL：须为 postgresql:// 开头的连接地址');
    expect(message).toContain('APP_TIME_ZONE：须为 IANA 时区名');
    expect(message).toContain('GROUP_REPLY_WINDOW_SECONDS：须为数字');
    expect(message).toContain('LOG_LEVEL：须为 fatal、error、warn、info、debug、trace、silent 之一');
    // One Chinese line per bad value: no English left from the validation library.
    expect(message.split('\n')).toHaveLength(5);
    expect(message).not.toMatch(/Invalid|expected|received/);
  });

  it('requires a token for wechaty-puppet-service', () => {
    expect(() => loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service' })).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN/);
    expect(loadConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 't' }).WECHATY_PUPPET).toBe(
      'wechaty-puppet-service',
    );
  });

  it('stops `npm start` with the message and exit code 1', async () => {
    const { execFile } = await import('node:child_process');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile('npx', ['tsx', 'src/main.ts'], { env: { ...process.env, REDIS_URL: 'http://nope' } }, (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REDIS_URL：须为 redis:// 开头的地址');
  });
});
