import { createJobPostPreview } from '../../domain/jobs/create-job-post-preview.ts';
import type { Command } from '../command.ts';
import { secretaryInDirectChat, splitTarget } from '../guards.ts';

const postLimit = 500;

/** 岗位[@群] <内容>: a secretary previews a job or training post for the matching job seekers; 确认 sends it. */
export const postJobCommand: Command = {
  name: 'post-job',
  keywords: ['岗位'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '岗位 内容 —— （书记）向相符的返乡求职党员推送岗位或培训，确认后发送；「岗位@群 …」同时发到本组织的群',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    const { targetTag, rest } = splitTarget(ctx.args);
    if (!rest || (targetTag !== null && targetTag !== '群')) {
      ctx.reply('格式：岗位 内容，例如「岗位 货车司机 西宁某物流 C1驾照 月薪6000 电话…」；「岗位@群 …」同时发到群。');
      return;
    }
    if (rest.length > postLimit) {
      ctx.reply(`内容太长（最多 ${postLimit} 字），请精简后重新发送。`);
      return;
    }
    const preview = await createJobPostPreview(ctx.db, { secretary, text: rest, toGroups: targetTag === '群' });
    ctx.reply(
      [
        `请确认岗位（编号 ${preview.jobPostId}）：`,
        '────────',
        preview.text,
        '────────',
        `${secretary.organizationPath}（含下级组织）有 ${preview.matching} 名求职党员与岗位相符，将私聊发给其中已绑定微信的 ${preview.reachable} 人` +
          (targetTag ? '，并发到本组织的群。' : '。'),
        '回复「确认」发送，回复「取消」作废。',
      ].join('\n'),
    );
  },
};
