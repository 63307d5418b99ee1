import { markContactUnreachable } from '../../domain/members/mark-contact-unreachable.ts';
import type { Command } from '../command.ts';

/** The member unfollowed the official account: nothing more goes to them there, and their secretaries are told once. Not typed. */
export const unfollowCommand: Command = {
  name: 'oa-unfollow',
  keywords: [],
  takesArguments: false,
  storesNoText: true,
  needsMember: false,
  async handle(ctx) {
    ctx.deliver(await markContactUnreachable(ctx.db, { contactId: ctx.sender.contactId, now: ctx.message.sentAt }));
  },
};
