import type { Command } from '../command.ts';

/**
 * 签到了, 已签到, 签个到 … in a direct chat: what members type believing they checked in. Never a
 * check-in (it is a guess): the member is told it did not count and what to send. In a group such
 * text is chatter (see parseCommand); the group's summary lists who did check in.
 */
export const checkInNearMissCommand: Command = {
  name: 'check-in-near-miss',
  keywords: [],
  nearMiss: /^我?(?:已经?)?签 ?(?:个|一下)? ?到(?:了|啦|咯|喽|好了|成功|完毕|一下)?$/,
  takesArguments: false,
  needsMember: false,
  handle(ctx) {
    ctx.reply('本次未签到。签到请只发送「签到」，也可以加上所在地，例如「签到 西宁市城北区」。');
  },
};
