import { looksLikeBindCode } from '../../domain/members/bind-code.ts';
import { bindContact, type BindResult } from '../../domain/members/bind-contact.ts';
import { bindWithCode } from '../../domain/members/bind-with-code.ts';
import { bindFailuresPerDay, bindFailuresPerMember, type NewlyLockedMember } from '../../domain/members/bind-failures.ts';
import { createAccountNotice, unboundNoticeText } from '../../domain/members/create-account-notice.ts';
import { findNearestSecretaries } from '../../domain/shared/find-nearest-secretaries.ts';
import type { SenderMember } from '../../domain/shared/sender.ts';
import { officialAccountPuppet } from '../../config.ts';
import type { Command } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { splitNameAndDigits } from '../name-and-digits.ts';

const usage = '请按「绑定 姓名 手机号后四位」的格式私聊我，例如「绑定 张三 1234」；书记、管理员请发送「绑定 绑定码」。';
/** One answer whether the name is unknown or the digits are wrong: a guesser learns nothing. */
const notFound =
  `没有找到与您发送的姓名和手机号后四位相符的党员，请核对后重试（24 小时内最多可试 ${bindFailuresPerDay} 次），或联系您所在支部的书记。` +
  '书记、管理员请发送管理员给您的绑定码：「绑定 绑定码」。';
const tooManyFailures = '绑定没有成功的次数太多了。为保护党员信息，请 24 小时后再试，或联系您所在支部的书记。';

/**
 * 绑定 <姓名> <手机号后四位> (members) or 绑定 <绑定码> (anyone with a one-time code; secretaries and
 * admins only this way): links the sender's WeChat to their roster entry. Sent in a group, it is answered
 * in a direct chat and the group hears only how to bind.
 */
export const bindCommand: Command = {
  name: 'bind',
  keywords: ['绑定'],
  takesArguments: true,
  needsMember: false,
  storesNoText: true,
  help: '绑定 姓名 手机号后四位 —— 私聊发送，关联您的微信与党员名册，例如「绑定 张三 1234」',
  async handle(ctx) {
    const answer = ctx.isDirect ? ctx.reply : ctx.replyPrivately;
    if (!ctx.isDirect) ctx.reply('请私聊我发送「绑定 …」完成绑定，不要在群里发送手机号或绑定码。');
    const result = await bind(ctx);
    if (!result) {
      answer(usage);
      return;
    }
    switch (result.outcome) {
      case 'bound':
        ctx.sender.member = result.member;
        // The remark that finds the member again after a login: now, not at the next survey.
        ctx.markContacts([ctx.sender.contactId]);
        answer(`绑定成功！${result.member.name}，欢迎您。以后发送「签到」即可签到，发送「帮助」查看全部指令。${result.alsoContactId ? alsoBoundNote(ctx) : ''}`);
        if (result.alsoContactId) await tellOtherChannel(ctx, result.member, result.alsoContactId);
        // Every binding is told, so a hijacked one is noticed and undone (解绑).
        await tellSecretaries(ctx, result.member, (below) => `【绑定提醒】${result.member.name}${below} 刚刚绑定了微信。如果不是本人，请发送「解绑 ${result.member.name}」，并请本人重新绑定。`);
        if (result.releasedContactId) await tellReleasedContact(ctx, result.member, result.releasedContactId);
        return;
      case 'already-bound':
        answer(`您已绑定为${result.member.name}，无需重复绑定。`);
        return;
      case 'contact-bound-to-other':
        answer(`您的微信已绑定${result.member.name}。如需更换，请联系您所在支部的书记。`);
        return;
      case 'ambiguous':
        answer('名册中有多位党员与您的姓名和手机号后四位相同，无法自动绑定，请联系您所在支部的书记。');
        return;
      case 'not-found':
        answer(notFound);
        // Too many failures named these members: binding them by digits has stopped, and their secretaries hear it once.
        for (const member of result.newlyLocked ?? []) {
          await tellSecretaries(
            ctx,
            member,
            (below) =>
              `【绑定提醒】24 小时内有 ${bindFailuresPerMember} 次用「${member.name}」${below}的姓名绑定没有成功，可能有人在猜手机号，` +
              `已暂停按姓名和手机号绑定${member.name}。请与本人核实后发给其绑定码（管理员发送「绑定码 ${member.name}」）。`,
          );
        }
        return;
      case 'too-many-failures':
        answer(tooManyFailures);
    }
  },
};

async function bind(ctx: CommandContext): Promise<BindResult | null> {
  const { contactId } = ctx.sender;
  const now = ctx.message.sentAt;
  if (looksLikeBindCode(ctx.args)) return bindWithCode(ctx.db, { contactId, code: ctx.args, now, account: ctx.config.BOT_NAME });
  // The name may hold spaces (阿依古丽 买买提); the digits end the text.
  const { name, phoneLast4 } = splitNameAndDigits(ctx.args, { digitsMayTouch: true });
  if (!name || !phoneLast4 || [...name].length > 20) return null;
  return bindContact(ctx.db, { contactId, name, phoneLast4, now, account: ctx.config.BOT_NAME, officialAccount: ctx.config.WECHATY_PUPPET === officialAccountPuppet });
}

/** The secretaries of the member's branch (or the nearest above) get `text`, which is told where the branch sits below theirs. */
async function tellSecretaries(ctx: CommandContext, member: NewlyLockedMember, text: (below: string) => string): Promise<void> {
  const nearest = await findNearestSecretaries(ctx.db, { organizationId: member.organizationId, exceptMemberId: member.id });
  if (!nearest) return;
  const deliveryIds = await createAccountNotice(ctx.db, {
    organizationId: member.organizationId,
    text: text(nearest.below),
    recipients: nearest.secretaries,
    now: ctx.message.sentAt,
  });
  ctx.deliver(deliveryIds);
}

/** Bound on a second channel: which of the two the bot's own messages come through. */
function alsoBoundNote(ctx: CommandContext): string {
  return ctx.config.WECHATY_PUPPET === officialAccountPuppet
    ? '通知和提醒今后通过服务号发给您，您在群里签到照常。'
    : '您也绑定了服务号：通知和提醒仍通过服务号发给您，在群里签到照常计入。';
}

/** The member's contact on their other channel stays bound and is told, so that a binding not their own is noticed. */
async function tellOtherChannel(ctx: CommandContext, member: SenderMember, contactId: string): Promise<void> {
  const deliveryIds = await createAccountNotice(ctx.db, {
    organizationId: member.organizationId,
    text: `您的党员身份「${member.name}」刚刚在另一个微信账号（服务号或个人号）也完成了绑定，两边都可使用。如果不是您本人操作，请联系您所在支部的书记。`,
    recipients: [{ memberId: member.id, contactId }],
    now: ctx.message.sentAt,
  });
  ctx.deliver(deliveryIds);
}

/** A bind code moved the member to this WeChat: the one they had before is told, as after 解绑. */
async function tellReleasedContact(ctx: CommandContext, member: SenderMember, contactId: string): Promise<void> {
  const deliveryIds = await createAccountNotice(ctx.db, {
    organizationId: member.organizationId,
    text: unboundNoticeText(member.name),
    recipients: [{ memberId: member.id, contactId }],
    now: ctx.message.sentAt,
  });
  ctx.deliver(deliveryIds);
}
