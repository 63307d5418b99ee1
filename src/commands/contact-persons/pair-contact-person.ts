import { assignContactPerson } from '../../domain/contact-persons/assign-contact-person.ts';
import { listContactPairs } from '../../domain/contact-persons/list-contact-pairs.ts';
import { nameList, namesShown } from '../../domain/shared/name-list.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { findMemberForSecretary, secretaryInDirectChat } from '../guards.ts';
import type { SenderMember } from '../../domain/shared/sender.ts';

const usage = '格式：「结对 联系人 党员1 党员2 …」，例如「结对 李四 张三 王五」：李四 负责联系 张三、王五；同名时在姓名后加手机号后四位。发送「结对」查看结对情况。';

/**
 * 结对 李四 张三 王五 (secretary): 李四 becomes the contact person of 张三 and 王五 — all in the
 * secretary's organisation or below, at most CONTACT_PERSON_MAX members each, all or none.
 * 结对 alone lists the pairings.
 */
export const pairContactPersonCommand: Command = {
  name: 'pair-contact-person',
  keywords: ['结对'],
  takesArguments: true,
  needsMember: true,
  forSecretaries: true,
  help: '结对 联系人 党员… —— （书记）指定结对联系人；「结对」查看，「解除结对 姓名」解除',
  async handle(ctx) {
    const secretary = secretaryInDirectChat(ctx);
    if (!secretary) return;
    if (!ctx.args) {
      await listPairs(ctx, secretary);
      return;
    }
    const people = splitPeople(ctx.args);
    if (people.length < 2) {
      ctx.reply(usage);
      return;
    }
    const found: { id: number; name: string }[] = [];
    for (const person of people) {
      const member = await findMemberForSecretary(ctx, secretary, '结对', person);
      if (!member) return;
      found.push(member);
    }
    const [contactPerson, ...members] = found as [{ id: number; name: string }, ...{ id: number; name: string }[]];
    if (members.some((member) => member.id === contactPerson.id) || new Set(members.map((m) => m.id)).size < members.length) {
      ctx.reply(`联系人不能联系自己，每位党员也只写一次。${usage}`);
      return;
    }
    const max = ctx.config.CONTACT_PERSON_MAX;
    const result = await assignContactPerson(ctx.db, { contactPersonId: contactPerson.id, memberIds: members.map((m) => m.id), max });
    if (result.outcome === 'too-many') {
      ctx.reply(`每位联系人最多联系 ${max} 名党员；${contactPerson.name} 已联系 ${result.current} 人，不能再加 ${members.length} 人。没有做任何修改。`);
      return;
    }
    ctx.reply(`已结对：${contactPerson.name} 负责联系 ${members.map((m) => m.name).join('、')}（共联系 ${result.total} 人）。他们疑似失联时，${contactPerson.name} 也会收到提醒。`);
  },
};

async function listPairs(ctx: CommandContext, secretary: SenderMember): Promise<void> {
  const pairs = await listContactPairs(ctx.db, { organizationPath: secretary.organizationPath, limit: namesShown });
  if (pairs.length === 0) {
    ctx.reply(`${secretary.organizationPath}（含下级组织）还没有结对联系。${usage}`);
    return;
  }
  ctx.reply(
    [`🤝 ${secretary.organizationPath}（含下级组织）结对联系：`, ...pairs.map((pair) => `· ${pair.contactPerson}：${nameList(pair.members, pair.members.length)}`)].join('\n'),
  );
}

/** 李四 张三 1234 王五 → ['李四', '张三 1234', '王五']: a phone ending belongs to the name before it. */
function splitPeople(args: string): string[] {
  const people: string[] = [];
  for (const token of args.split(/\s+/)) {
    if (/^\d{4}$/.test(token) && people.length > 0 && !/\s\d{4}$/.test(people[people.length - 1]!)) people[people.length - 1] += ` ${token}`;
    else people.push(token);
  }
  return people;
}
