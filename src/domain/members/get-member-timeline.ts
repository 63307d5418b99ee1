import type { Db } from '../../db/client.ts';
import type { MemberStatus, Role } from '../../generated/prisma/client.ts';
import { isWithinOrganization } from '../shared/organization-scope.ts';
import { isRowId } from '../shared/row-id.ts';

export interface TimelineEvent {
  at: Date;
  kind: '签到' | '报名' | '取消报名' | '出席' | '已学' | '领书' | '问候' | '建议';
  detail: string;
}

export interface MemberTimeline {
  member: {
    id: number;
    name: string;
    role: Role;
    status: MemberStatus;
    organizationPath: string;
    residence: string | null;
    workplace: string | null;
    lastActiveAt: Date | null;
    tags: string[];
    bound: boolean;
  };
  /** Newest first, at most `limit`. */
  events: TimelineEvent[];
}

/**
 * One member's page in the console: who they are and what they did — check-ins, 报名,
 * attendance, 已学, books received, the nudges they were sent, their 建议. Null when there is no
 * such member in the organisation `scopePath` or below (the console answers 404 either way).
 */
export async function getMemberTimeline(db: Db, options: { memberId: number; scopePath: string; limit: number }): Promise<MemberTimeline | null> {
  const { memberId, limit } = options;
  if (!isRowId(memberId)) return null;
  const member = await db.member.findUnique({
    where: { id: memberId },
    select: {
      id: true, name: true, role: true, status: true, residence: true, workplace: true, lastActiveAt: true, tags: true,
      organization: { select: { path: true } },
      contact: { select: { id: true } },
    },
  });
  if (!member || !isWithinOrganization(member.organization.path, options.scopePath)) return null;
  const take = { take: limit, orderBy: { at: 'desc' } } as const;
  const [checkIns, rsvps, attendances, confirmations, books, nudges, suggestions] = await Promise.all([
    db.checkIn.findMany({ where: { memberId }, select: { at: true, place: true }, ...take }),
    db.rsvp.findMany({ where: { memberId }, select: { answeredAt: true, status: true, activity: { select: { id: true, title: true } } }, take: limit, orderBy: { answeredAt: 'desc' } }),
    db.attendance.findMany({ where: { memberId }, select: { at: true, activity: { select: { id: true, title: true } } }, ...take }),
    db.studyConfirmation.findMany({ where: { memberId }, select: { at: true, studyPack: { select: { title: true } } }, ...take }),
    db.bookHandout.findMany({ where: { memberId }, select: { at: true, title: true }, ...take }),
    db.delivery.findMany({
      where: { memberId, broadcast: { kind: 'NUDGE' } },
      select: { createdAt: true, sentAt: true, status: true },
      take: limit,
      orderBy: { id: 'desc' },
    }),
    db.suggestion.findMany({ where: { memberId }, select: { createdAt: true, text: true }, take: limit, orderBy: { createdAt: 'desc' } }),
  ]);
  const events: TimelineEvent[] = [
    ...checkIns.map((c) => ({ at: c.at, kind: '签到' as const, detail: c.place ?? '' })),
    ...rsvps.map((r) => ({ at: r.answeredAt, kind: r.status === 'YES' ? ('报名' as const) : ('取消报名' as const), detail: `${r.activity.title}（编号 ${r.activity.id}）` })),
    ...attendances.map((a) => ({ at: a.at, kind: '出席' as const, detail: `${a.activity.title}（编号 ${a.activity.id}）` })),
    ...confirmations.map((s) => ({ at: s.at, kind: '已学' as const, detail: s.studyPack.title })),
    ...books.map((b) => ({ at: b.at, kind: '领书' as const, detail: `《${b.title}》` })),
    ...nudges.map((n) => ({ at: n.sentAt ?? n.createdAt, kind: '问候' as const, detail: n.status === 'SENT' ? '已发送' : n.status === 'FAILED' ? '未送达' : n.status === 'DROPPED' ? '未发（已不需要）' : '排队中' })),
    ...suggestions.map((s) => ({ at: s.createdAt, kind: '建议' as const, detail: s.text })),
  ];
  events.sort((a, b) => b.at.getTime() - a.at.getTime());
  const { organization, contact, ...rest } = member;
  return { member: { ...rest, organizationPath: organization.path, bound: contact !== null }, events: events.slice(0, limit) };
}
