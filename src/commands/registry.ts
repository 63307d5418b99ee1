import type { Command } from './command.ts';
import type { Role } from '../generated/prisma/client.ts';
import { activityCommand } from './activities/activity.ts';
import { bindGroupCommand } from './members/bind-group.ts';
import { bindCommand } from './members/bind.ts';
import { bindCodeCommand } from './members/bind-code.ts';
import { unbindCommand } from './members/unbind.ts';
import { confirmRelinkCommand } from './members/confirm-relink.ts';
import { changePhoneCommand } from './members/change-phone.ts';
import { cancelActivityCommand } from './activities/cancel-activity.ts';
import { atRiskMembersCommand, silentMembersCommand } from './care/care-lists.ts';
import { checkInCommand } from './check-in/check-in.ts';
import { checkInNearMissCommand } from './check-in/check-in-near-miss.ts';
import { closeConsoleCommand } from './console/close-console.ts';
import { confirmCommand } from './activities/confirm.ts';
import { discardCommand } from './activities/discard.ts';
import { handOutBookCommand } from './study/hand-out-book.ts';
import { helpCommand, helpText } from './members/help.ts';
import { meCommand } from './members/me.ts';
import { noticeCommand } from './activities/notice.ts';
import { openConsoleCommand } from './console/open-console.ts';
import { pushStudyPackCommand } from './study/push-study-pack.ts';
import { cancelRsvpCommand, rsvpCommand } from './activities/rsvp.ts';
import { statsCommand } from './check-in/stats.ts';
import { studyDoneCommand } from './study/study-done.ts';
import { studyPackCommand } from './study/study-pack.ts';
import { studyStatsCommand } from './study/study-stats.ts';
import { suggestCommand } from './suggestions/suggest.ts';
import { adoptSuggestionCommand } from './suggestions/adopt-suggestion.ts';
import { answerSuggestionCommand } from './suggestions/answer-suggestion.ts';
import { listOpenSuggestionsCommand } from './suggestions/list-open-suggestions.ts';
import { createTeamCommand } from './teams/create-team.ts';
import { dissolveTeamCommand } from './teams/dissolve-team.ts';
import { joinTeamCommand, leaveTeamCommand } from './teams/team-membership.ts';
import { teamsCommand } from './teams/teams.ts';
import { volunteerStatsCommand } from './teams/volunteer-stats.ts';
import { skillsCommand } from './talent/skills.ts';
import { notWillingToServeCommand, willingToServeCommand } from './talent/willing-to-serve.ts';
import { talentPoolCommand } from './talent/talent-pool.ts';
import { returneeCommand, seekJobCommand } from './jobs/seek-job.ts';
import { placedCommand } from './jobs/placed.ts';
import { jobInterestCommand } from './jobs/job-interest.ts';
import { postJobCommand } from './jobs/post-job.ts';
import { jobStatsCommand } from './jobs/job-stats.ts';
import { requestLeaveCommand } from './leave/request-leave.ts';
import { endLeaveCommand } from './leave/end-leave.ts';
import { pairContactPersonCommand } from './contact-persons/pair-contact-person.ts';
import { unpairContactPersonCommand } from './contact-persons/unpair-contact-person.ts';
import { recordVisitCommand } from './visits/record-visit.ts';
import { listVisitsCommand } from './visits/list-visits.ts';
import { confirmWhereaboutsCommand } from './visits/confirm-whereabouts.ts';
import { residenceCommand, whereaboutsCommand, workplaceCommand } from './whereabouts/whereabouts.ts';
import { confirmPromptCommand } from './whereabouts/confirm-prompt.ts';
import { whereaboutsStatsCommand } from './whereabouts/whereabouts-stats.ts';
import { closeHardshipCaseCommand, hardshipCaseCommand, recordHelpCommand } from './hardship/hardship.ts';
import { hardshipStatsCommand } from './hardship/hardship-stats.ts';
import { pollCommand } from './polls/poll.ts';
import { pollResultsCommand } from './polls/poll-results.ts';
import { answerPollCommand } from './polls/answer-poll.ts';
import { answerQuizCommand } from './study/answer-quiz.ts';

/** Every chat command, in menu order. A new command is one file plus one line here. */
export const commands: readonly Command[] = [
  checkInCommand,
  rsvpCommand,
  cancelRsvpCommand,
  meCommand,
  studyDoneCommand,
  suggestCommand,
  teamsCommand,
  joinTeamCommand,
  leaveTeamCommand,
  skillsCommand,
  willingToServeCommand,
  notWillingToServeCommand,
  returneeCommand,
  seekJobCommand,
  placedCommand,
  jobInterestCommand,
  requestLeaveCommand,
  endLeaveCommand,
  whereaboutsCommand,
  residenceCommand,
  workplaceCommand,
  confirmPromptCommand,
  bindCommand,
  helpCommand(() => commands),
  bindGroupCommand,
  unbindCommand,
  confirmRelinkCommand,
  changePhoneCommand,
  bindCodeCommand,
  activityCommand,
  noticeCommand,
  pollCommand,
  confirmCommand,
  discardCommand,
  cancelActivityCommand,
  statsCommand,
  pollResultsCommand,
  silentMembersCommand,
  atRiskMembersCommand,
  pairContactPersonCommand,
  unpairContactPersonCommand,
  recordVisitCommand,
  listVisitsCommand,
  confirmWhereaboutsCommand,
  whereaboutsStatsCommand,
  hardshipCaseCommand,
  recordHelpCommand,
  closeHardshipCaseCommand,
  hardshipStatsCommand,
  studyPackCommand,
  pushStudyPackCommand,
  handOutBookCommand,
  studyStatsCommand,
  listOpenSuggestionsCommand,
  answerSuggestionCommand,
  adoptSuggestionCommand,
  createTeamCommand,
  dissolveTeamCommand,
  volunteerStatsCommand,
  talentPoolCommand,
  postJobCommand,
  jobStatsCommand,
  openConsoleCommand,
  closeConsoleCommand,
  checkInNearMissCommand,
  answerPollCommand,
  // After the poll's answer: a bare number is a poll's, letters are a quiz's.
  answerQuizCommand,
];

/** The 帮助 menu: the everyday commands (secretaries are also told how to see theirs). */
export function menuText(list: readonly Command[], role: Role | undefined): string {
  return helpText(list, { role, topic: '' });
}
