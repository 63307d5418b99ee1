import type { Db } from '../../db/client.ts';
import { listHardshipCases, type HardshipCaseRecord } from '../hardship/list-hardship-cases.ts';
import { listLeaveHistory, type LeaveHistoryEntry } from '../leave/list-leave-history.ts';
import { getSuggestionRecord, type SuggestionRecord } from '../suggestions/get-suggestion-record.ts';
import { getOwnEngagement } from '../talent/get-own-engagement.ts';
import type { EngagedMember } from '../talent/query-engagement.ts';
import { getVolunteerHours } from '../teams/get-volunteer-hours.ts';
import { listOpenTeams } from '../teams/list-open-teams.ts';
import { listVisits, type VisitRecord } from '../visits/list-visits.ts';
import { listWhereaboutsHistory, type WhereaboutsHistory } from '../whereabouts/list-whereabouts-history.ts';

export interface MemberRecords {
  phone: string;
  leave: LeaveHistoryEntry[];
  whereabouts: WhereaboutsHistory;
  contactPerson: { id: number; name: string; phone: string } | null;
  /** The members this one looks after (结对联系), when they are a contact person. */
  caresFor: { id: number; name: string }[];
  visits: VisitRecord[];
  hardship: HardshipCaseRecord[];
  /** Teams of their organisation or above that they joined. */
  teams: string[];
  hoursThisYear: { hours: number; activities: number };
  jobSearch: { status: 'SEEKING' | 'PLACED'; wishes: string[]; since: Date; placedAt: Date | null; placedNote: string | null; interests: { postId: number; text: string; at: Date }[] } | null;
  skills: string[];
  willingToServe: boolean;
  /** The 人才库 score's parts over 12 months. */
  engagement: EngagedMember | null;
  suggestions: SuggestionRecord;
}

const shown = 20;

/**
 * The member page's records beside the timeline: leave (in force and past), whereabouts history,
 * contact person, visits, hardship cases, teams and hours, job search, skills, suggestions — each
 * read by the function its chat command uses; null when there is no such member. Not scoped: the
 * caller shows them only for a member in the user's scope (getMemberTimeline says which).
 */
export async function getMemberRecords(db: Db, options: { memberId: number; now: Date; timeZone: string }): Promise<MemberRecords | null> {
  const { memberId, now } = options;
  const member = await db.member.findUnique({
    where: { id: memberId },
    select: {
      phone: true, tags: true, skills: true, willingToServe: true,
      organization: { select: { path: true } },
      contactPerson: { select: { id: true, name: true, phone: true } },
      contactFor: { select: { id: true, name: true }, orderBy: { name: 'asc' } },
    },
  });
  if (!member) return null;
  const [leave, whereabouts, visits, hardship, openTeams, hoursThisYear, seeker, interests, engagement, suggestions] = await Promise.all([
    listLeaveHistory(db, { memberId, now, limit: shown }),
    listWhereaboutsHistory(db, { memberId, limit: shown }),
    listVisits(db, { memberId, limit: shown }),
    listHardshipCases(db, { memberId, limit: shown }),
    listOpenTeams(db, { organizationPath: member.organization.path }),
    getVolunteerHours(db, { memberId, now, timeZone: options.timeZone }),
    db.jobSeeker.findUnique({ where: { memberId }, select: { status: true, wishes: true, since: true, placedAt: true, placedNote: true } }),
    db.jobInterest.findMany({ where: { memberId }, select: { at: true, jobPost: { select: { id: true, text: true } } }, orderBy: { at: 'desc' }, take: shown }),
    getOwnEngagement(db, { memberId, now }),
    getSuggestionRecord(db, { memberId, latest: shown }),
  ]);
  return {
    phone: member.phone,
    leave,
    whereabouts,
    contactPerson: member.contactPerson,
    caresFor: member.contactFor,
    visits,
    hardship: hardship.cases,
    teams: openTeams.filter((team) => member.tags.includes(team.name)).map((team) => team.name),
    hoursThisYear,
    jobSearch: seeker && { ...seeker, interests: interests.map((i) => ({ postId: i.jobPost.id, text: i.jobPost.text, at: i.at })) },
    skills: member.skills,
    willingToServe: member.willingToServe,
    engagement,
    suggestions,
  };
}
