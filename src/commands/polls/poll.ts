import { countAudience } from '../../domain/broadcasts/count-audience.ts';
import { createPollPreview } from '../../domain/polls/create-poll-preview.ts';
import { parsePoll } from '../../domain/polls/parse-poll.ts';
import { broadcastTextLimit, tooLongText } from '../activities/activity.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat, splitTarget } from '../guards.ts';

const usage = '格式：投票 标题 1.选项 2.选项 [可多选] [匿名] [截止 12月5日]，例如「投票 十二月主题党日时间 1.周六上午 2.周六下午 3.周日上午 截止 12月5日」。';

/** 投票[@标签] <标题> 1.… 2.… [可多选] [匿名] [截止 …]: a secretary previews a poll; 确认 sends it like a 通知. */
export const pollCommand: Command = {
  name: 'poll',
  keywords: ['投票'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '投票 标题 1.… 2.… —— （书记）发起投票，可加「可多选」「匿名」「截止 12月5日」，确认后发送',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const { targetTag, rest } = splitTarget(ctx.args);
    if (rest.length > broadcastTextLimit) {
      ctx.reply(tooLongText);
      return;
    }
    const parsed = parsePoll(rest, { now: ctx.message.sentAt, timeZone: ctx.config.APP_TIME_ZONE });
    if (!parsed.ok) {
      ctx.reply(`${parsed.reason}\n${usage}`);
      return;
    }
    const [preview, audience] = await Promise.all([
      createPollPreview(ctx.db, { secretary, targetTag, poll: parsed.poll, timeZone: ctx.config.APP_TIME_ZONE }),
      countAudience(ctx.db, { organizationPath: secretary.organizationPath, targetTag }),
    ]);
    const who = `${secretary.organizationPath}${targetTag ? `（标签「${targetTag}」）` : ''}`;
    ctx.reply(
      [
        '请确认投票内容：',
        '———',
        preview.text,
        '———',
        `将私聊发送给 ${who} 的 ${audience.reachable} 名党员` + (audience.groups > 0 ? `，并发到 ${audience.groups} 个群。` : '。'),
        parsed.poll.anonymous ? '匿名：结果只显示人数，不显示谁投了什么。' : '实名：结果可查看谁还没有投票。',
        '截止前一天提醒未投票的党员。回复「确认」发送，回复「取消」作废。',
      ].join('\n'),
    );
  },
};
