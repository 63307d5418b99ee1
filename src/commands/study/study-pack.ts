import { countAudience } from '../../domain/broadcasts/count-audience.ts';
import { countWaitingStudyPacks } from '../../domain/study/count-waiting-study-packs.ts';
import { createStudyPackPreview } from '../../domain/study/create-study-pack-preview.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';
import { studyPushTime } from './study-push-schedule.ts';

const usage = '格式：学习包 标题 链接或正文，例如「学习包 学习贯彻全会精神 https://…」。';
const maxTitle = 50;
const maxContent = 2000;

/**
 * 学习包 <标题> <链接或正文>: a secretary previews a study pack; 确认 puts it in the organisation's
 * queue, and the weekly push (or 立即发送) sends it to every member in a direct chat.
 */
export const studyPackCommand: Command = {
  name: 'study-pack',
  keywords: ['学习包'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '学习包 标题 链接或正文 —— （书记）添加学习包，确认后排队，每周定时私聊推送给党员，例如「学习包 学习全会精神 https://…」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const match = /^(\S+)\s+(.+)$/s.exec(ctx.args);
    if (!match) {
      ctx.reply(`请写上标题和内容（链接或正文）。${usage}`);
      return;
    }
    const [, title, content] = match as unknown as [string, string, string];
    if (title.length > maxTitle || content.length > maxContent) {
      ctx.reply(title.length > maxTitle ? `标题太长（最多 ${maxTitle} 字）。${usage}` : `内容太长（最多 ${maxContent} 字），请改发链接。`);
      return;
    }
    const preview = await createStudyPackPreview(ctx.db, { secretary, title, content });
    const [ahead, audience] = await Promise.all([
      countWaitingStudyPacks(ctx.db, { organizationId: secretary.organizationId }),
      countAudience(ctx.db, { organizationPath: secretary.organizationPath, targetTag: null }),
    ]);
    const when = studyPushTime({ now: ctx.message.sentAt, config: ctx.config, position: ahead + 1 });
    ctx.reply(
      [
        '请确认学习包：',
        '────────',
        preview.text,
        '────────',
        `确认后加入学习包队列${ahead > 0 ? `（前面还有 ${ahead} 个）` : ''}，` +
          `预计 ${when} 随每周定时推送发出；` +
          (ahead > 0 ? '「立即发送」可马上推送队列中的下一个。' : '确认后发送「立即发送」可马上发出。'),
        `将私聊发送给 ${secretary.organizationPath} 的 ${audience.reachable} 名党员` +
          (audience.members > audience.reachable ? `；另有 ${audience.members - audience.reachable} 人未绑定微信，收不到。` : '。'),
        '回复「确认」加入队列，回复「取消」作废。',
      ].join('\n'),
    );
  },
};
