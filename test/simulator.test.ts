import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sparePort } from './support/spare-servers.ts';
import { templateDatabaseUrl } from './support/test-database.ts';

const officialAccountScript = `
陈新 关注
陈新 私聊 绑定 陈新 0005
张三 菜单 签到
王芳 群 签到
张三 私聊 我的
刘建国 私聊 通知 周六环境整治
刘建国 私聊 确认
运行 silent-scan +3天
刘建国 私聊 通知 下周一起党费可在线缴纳
刘建国 私聊 确认
`;

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

/** Runs `npm start -- <args> --script <script>` as an operator would, with its own database, Redis prefix and web port. */
async function simulate(args: string[], lines: string): Promise<{ output: string; webPort: number }> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'simulator-')), 'script.txt');
  const webPort = await sparePort();
  await writeFile(file, lines);
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      'npx',
      ['tsx', 'src/main.ts', ...args, '--script', file],
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
  return { output, webPort };
}

describe('npm start without a puppet: the local simulator', () => {
  it('replays a script through the real bot and prints the replies', async () => {
    const { output, webPort } = await simulate([], script);

    expect(output).toContain('正在启动本地模拟器');
    // The greeting is the simulator's own: no log line (JSON) in it.
    expect(output.slice(0, output.indexOf('\n👤'))).not.toContain('{"level"');
    // One summary for the burst, or two if it straddled a summary window.
    const summaries = output.split('\n').filter((line) => line.includes('✅ 签到'));
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.join('\n')).toContain('张三');
    expect(summaries.join('\n')).toContain('李四');
    expect(output).toContain('绑定成功！陈新');
    expect(output).toContain('连续签到：0 天');
    expect(output).toContain('请确认通知');
    expect(output).toMatch(/私聊 张三\n\s+【通知】周六环境整治/);
    // One Chinese line, not the job's JSON.
    expect(output).toMatch(/⏰ silent-scan：(?=[^\n]*疑似失联 \d+ 人)(?=[^\n]*提醒 \d+ 人)[^\n{}a-zA-Z]*（按 15 天后的时间运行）\n/);
    expect(output).toMatch(/私聊 王芳\n\s+王芳/); // her nudge (templates rotate; each starts with the name)
    // The simulator serves the console too, and its secretary gets a login link.
    expect(output).toContain(`网页后台：http://127.0.0.1:${webPort}`);
    expect(output).toMatch(new RegExp(`私聊 刘建国\\n[^]*http://127\\.0\\.0\\.1:${webPort}/login\\?token=[\\w-]{43}`));
  }, 60_000);

  it('on the official account: follow, bind, menu, no groups, and a 通知 as 客服消息 in the window and as a template once WeChat says it closed', async () => {
    const { output, webPort } = await simulate(['--official-account'], officialAccountScript);

    expect(output).toContain('正在启动服务号的本地模拟器');
    expect(output).toMatch(/私聊 陈新 \[客服消息\]\n\s+欢迎关注！请发送「绑定 姓名 手机号后四位」/);
    expect(output).toMatch(/私聊 陈新 \[客服消息\]\n\s+绑定成功！陈新/);
    expect(output).toMatch(/私聊 张三 \[客服消息\]\n\s+✅ 签到成功/);
    expect(output).toContain('服务号没有群聊');
    // 张三 wrote a minute ago: the 通知 is a 客服消息. 王芳 has not written: a template linking to the whole text.
    expect(output).toMatch(/私聊 张三 \[客服消息\]\n\s+【通知】周六环境整治/);
    expect(output).toMatch(new RegExp(`私聊 王芳 \\[模板消息 TPL_DEMO_NOTICE\\]\\n\\s+thing1：【通知】周六环境整治[^🤖]*详情：http://127\\.0\\.0\\.1:${webPort}/n/[\\w-]{43}`));
    // Three days on, 张三's window has closed: the next 通知 reaches him as a template.
    expect(output).toContain('微信的时钟拨到 3 天后');
    expect(output).toMatch(/私聊 张三 \[模板消息 TPL_DEMO_NOTICE\]\n\s+thing1：【通知】下周一起党费可在线缴纳/);
    expect(output).not.toMatch(/私聊 张三 \[客服消息\]\n\s+【通知】下周一起党费/);
  }, 120_000);

  it('leaves at once on exit, saying so', async () => {
    const child = spawn('npx', ['tsx', 'src/main.ts'], {
      env: { ...process.env, DATABASE_URL: `${templateDatabaseUrl()}_sim_exit`, QUEUE_PREFIX: `simexit-${randomUUID().slice(0, 8)}`, WECHATY_PUPPET: '', WEB_PORT: '0' },
    });
    let output = '';
    let exitTypedAt = 0;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!exitTypedAt && output.includes('\n> ')) {
        exitTypedAt = performance.now();
        child.stdin.write('exit\n');
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    const seconds = (performance.now() - exitTypedAt) / 1000;
    expect(code).toBe(0);
    expect(output).toContain('正在退出模拟器……');
    expect(output.trim().endsWith('已退出。')).toBe(true);
    // It waited 16 s (a group reply window) in silence; stopping the queues and the mock WeChat takes the rest.
    expect(seconds).toBeLessThan(6);
  });
});
