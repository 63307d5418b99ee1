import { engagementLine } from '../../domain/talent/engagement-score.ts';
import { listTalentPool } from '../../domain/talent/list-talent-pool.ts';
import { namesShown } from '../../domain/shared/name-list.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat } from '../guards.ts';

/**
 * 人才库 [特长]: members of the secretary's organisation and below willing to serve in the 两委, with
 * their skills and every part of their engagement score over 12 months; listed by organisation and
 * name, not ranked.
 */
export const talentPoolCommand: Command = {
  name: 'talent-pool',
  keywords: ['人才库'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '人才库 [特长] —— （书记）愿意回村任职的党员、特长和近 12 个月参与情况，例如「人才库 电工」',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const skill = ctx.args || null;
    if (skill && (skill.includes(' ') || [...skill].length > 10)) {
      ctx.reply('格式：人才库 [特长]，例如「人才库」或「人才库 电工」（一次按一项特长筛选）。');
      return;
    }
    const path = secretary.organizationPath;
    const rows = await listTalentPool(ctx.db, { organizationPath: path, skill, now: ctx.message.sentAt, limit: namesShown + 1 });
    const who = `${path}（含下级组织）${skill ? `有「${skill}」特长、` : ''}愿意回村任职的党员`;
    if (rows.length === 0) {
      ctx.reply(`${who}：暂无。党员可发送「特长 …」和「愿意 回村任职」登记。`);
      return;
    }
    const lines = rows
      .slice(0, namesShown)
      .map((row) => `· ${row.name}（${row.organizationPath.slice(path.length + 1) || '本级'}）特长：${row.skills.join('、') || '未填'}\n  ${engagementLine(row)}`);
    ctx.reply(
      [
        `🌱 ${who}（近 12 个月参与情况，按组织和姓名排列，不作排名）：`,
        ...(rows.length > namesShown ? [...lines, `…仅列出前 ${namesShown} 人，可按特长筛选`] : lines),
      ].join('\n'),
    );
  },
};
