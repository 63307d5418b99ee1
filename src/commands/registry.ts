import type { Command } from './command.ts';
import type { Role } from '../generated/prisma/client.ts';
import { activityCommand } from './activity.ts';
import { bindGroupCommand } from './bind-group.ts';
import { bindCommand } from './bind.ts';
import { cancelActivityCommand } from './cancel-activity.ts';
import { atRiskMembersCommand, silentMembersCommand } from './care-lists.ts';
import { checkInCommand } from './check-in.ts';
import { confirmCommand } from './confirm.ts';
import { discardCommand } from './discard.ts';
import { handOutBookCommand } from './hand-out-book.ts';
import { helpCommand } from './help.ts';
import { meCommand } from './me.ts';
import { noticeCommand } from './notice.ts';
import { pushStudyPackCommand } from './push-study-pack.ts';
import { cancelRsvpCommand, rsvpCommand } from './rsvp.ts';
import { statsCommand } from './stats.ts';
import { studyDoneCommand } from './study-done.ts';
import { studyPackCommand } from './study-pack.ts';
import { studyStatsCommand } from './study-stats.ts';
import { suggestCommand } from './suggest.ts';

/** Every chat command, in menu order. A new command is one file plus one line here. */
export const commands: readonly Command[] = [
  checkInCommand,
  rsvpCommand,
  cancelRsvpCommand,
  meCommand,
  studyDoneCommand,
  suggestCommand,
  bindCommand,
  helpCommand,
  bindGroupCommand,
  activityCommand,
  noticeCommand,
  confirmCommand,
  discardCommand,
  cancelActivityCommand,
  statsCommand,
  silentMembersCommand,
  atRiskMembersCommand,
  studyPackCommand,
  pushStudyPackCommand,
  handOutBookCommand,
  studyStatsCommand,
];

/** The 帮助 menu; secretaries' commands are listed for secretaries and admins only. */
export function menuText(list: readonly Command[], role: Role | undefined): string {
  const forSecretary = role === 'SECRETARY' || role === 'ADMIN';
  const shown = list.filter((command) => command.help && (forSecretary || !command.forSecretaries));
  return ['您可以发送以下指令：', ...shown.map((command) => `· ${command.help}`)].join('\n');
}
