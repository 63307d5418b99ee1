import { setTalentProfile } from '../../domain/talent/set-talent-profile.ts';
import type { Command } from '../command.ts';

const mostSkills = 10;
const longestSkill = 10;

/** 特长 <技能…>: what a member is good at, for the 两委 talent pool; replaces what they said before. */
export const skillsCommand: Command = {
  name: 'skills',
  keywords: ['特长'],
  takesArguments: true,
  needsMember: true,
  answersPrivately: true,
  help: '特长 技能… —— 登记您的特长，例如「特长 电工 种植 调解」',
  async handle(ctx) {
    const skills = [...new Set(ctx.args.split(' ').filter(Boolean))];
    if (skills.length === 0 || skills.length > mostSkills || skills.some((skill) => [...skill].length > longestSkill)) {
      ctx.reply(`请在「特长」后面写上您的特长，用空格分开（最多 ${mostSkills} 项，每项不超过 ${longestSkill} 字），例如「特长 电工 种植 调解」。`);
      return;
    }
    await setTalentProfile(ctx.db, { memberId: ctx.sender.member!.id, skills });
    ctx.reply(`已登记您的特长：${skills.join('、')}。愿意回村（社区）任职的，请发送「愿意 回村任职」。`);
  },
};
