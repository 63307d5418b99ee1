import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sparePort } from './support/spare-servers.ts';
import { templateDatabaseUrl } from './support/test-database.ts';

const script = `
# 模拟器冒烟测试
张三 群 签到
李四 群 签到 西宁市城北区
陈新 私聊 绑定 陈新 0005
陈新 私聊 我的
刘建国 私聊 通知 周六环境整治
刘建国 私聊 确认
运行 silent-scan +15天
刘建国 私聊 后台
`;

describe('npm start without a puppet: the local simulator', () => {
  it('replays a script through the real bot and prints the replies', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'simulator-')), 'script.txt');
    const webPort = await sparePort();
    await writeFile(file, script);
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        'npx',
        ['tsx', 'src/main.ts', '--script', file],
        {
          env: {
            ...process.env,
            // The simulator uses "<name>_simulator": under this run's prefix, dropped with the run.
            DATABASE_URL: `${templateDatabaseUrl()}_sim`,
            QUEUE_PREFIX: `simtest-${randomUUID().slice(0, 8)}`,
            WECHATY_PUPPET: '',
            GROUP_REPLY_WINDOW_SECONDS: '1',
            WEB_PORT: String(webPort),
          },
        },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });

    expect(output).toContain('starting the local simulator');
    // One summary for the burst, or two if it straddled a summary window.
    const summaries = output.split('\n').filter((line) => line.includes('✅ 签到'));
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.join('\n')).toContain('张三');
    expect(summaries.join('\n')).toContain('李四');
    expect(output).toContain('绑定成功！陈新');
    expect(output).toContain('连续签到：0 天');
    expect(output).toContain('请确认通知');
    expect(output).toMatch(/私聊 张三\n\s+【通知】周六环境整治/);
    expect(output).toContain('⏰ silent-scan（按 15 天后的时间运行）');
    expect(output).toMatch(/私聊 王芳\n\s+王芳/); // her nudge (templates rotate; each starts with the name)
    // The simulator serves the console too, and its secretary gets a login link.
    expect(output).toContain(`网页后台：http://127.0.0.1:${webPort}`);
    expect(output).toMatch(new RegExp(`私聊 刘建国\\n[^]*http://127\\.0\\.0\\.1:${webPort}/login\\?token=[\\w-]{43}`));
  }, 60_000);
});
