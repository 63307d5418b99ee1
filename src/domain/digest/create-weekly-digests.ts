import type { Db } from '../../db/client.ts';
import { formatActivityTime } from '../activities/activity-text.ts';
import { nameList } from '../shared/name-list.ts';
import { proactiveBacklogText } from '../shared/count-proactive-backlog.ts';
import { getOrganizationDigest, type OrganizationDigest } from './get-organization-digest.ts';
import { localDay } from '../shared/local-day.ts';

/**
 * The weekly digest: one broadcast per organisation that has secretaries (or admins) with a bound
 * WeChat, keyed by organisation and day so a retried run continues it, and one delivery per
 * secretary. A work report they rely on, so it does not count toward their daily cap.
 * Returns the deliveries to queue.
 */
export async function createWeeklyDigests(
  db: Db,
  options: { now: Date; timeZone: string; silentAfterDays: number },
): Promise<number[]> {
  const { now, timeZone, silentAfterDays } = options;
  const secretaries = await db.member.findMany({
    where: { role: { in: ['SECRETARY', 'ADMIN'] }, contact: { isNot: null } },
    select: { id: true, organizationId: true, organization: { select: { path: true } }, contact: { select: { id: true } } },
  });
  const byOrganization = new Map<number, typeof secretaries>();
  for (const secretary of secretaries) {
    byOrganization.set(secretary.organizationId, [...(byOrganization.get(secretary.organizationId) ?? []), secretary]);
  }
  const day = localDay(now, timeZone);
  const deliveryIds: number[] = [];
  for (const [organizationId, readers] of byOrganization) {
    const path = readers[0]!.organization.path;
    const digest = await getOrganizationDigest(db, { organizationPath: path, now, silentAfterDays, upcomingDays: 14 });
    const key = `digest-${organizationId}-${day}`;
    const broadcast = await db.broadcast.upsert({
      where: { key },
      create: { key, kind: 'DIGEST', status: 'CONFIRMED', organizationId, text: digestText(path, digest, timeZone), confirmedAt: now },
      update: {},
      select: { id: true },
    });
    await db.delivery.createMany({
      data: readers.map((reader) => ({ broadcastId: broadcast.id, memberId: reader.id, conversationId: reader.contact!.id, capped: false })),
      skipDuplicates: true,
    });
    const queued = await db.delivery.findMany({ where: { broadcastId: broadcast.id, status: 'QUEUED' }, select: { id: true } });
    deliveryIds.push(...queued.map((delivery) => delivery.id));
  }
  return deliveryIds;
}

export function digestText(path: string, digest: OrganizationDigest, timeZone: string): string {
  const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
  const lines = [
    `📋 每周简报 · ${path}`,
    `签到：过去 7 天 ${digest.checkedInLastWeek}/${digest.members} 人签到（${percent(digest.checkedInLastWeek, digest.members)}）`,
    digest.latestPack
      ? `学习：「${digest.latestPack.title}」${digest.latestPack.delivered === 0 ? '还没有送达任何人' : `已学 ${digest.latestPack.confirmed}/${digest.latestPack.delivered} 人（${percent(digest.latestPack.confirmed, digest.latestPack.delivered)}）`}`
      : '学习：还没有推送过学习包',
    digest.upcoming.length > 0
      ? `近期活动：\n${digest.upcoming.map((a) => `  · ${a.title}（编号 ${a.id}）${formatActivityTime(a.startsAt, timeZone)}，已报名 ${a.rsvpYes} 人`).join('\n')}`
      : '近期活动：无',
    `关心关爱：${digest.silent} 人较长时间没有动态，${digest.atRisk} 人疑似失联，${digest.unbound} 人未绑定微信。发送「失联预警」查看名单。`,
    ...careLines(path, digest.care),
    ...(digest.deferred.total > 0
      ? [
          `发送：过去 7 天有 ${digest.deferred.total} 条通知、活动或学习消息因微信账号每日上限、新号预热或限流顺延发送` +
            (digest.deferred.waiting > 0 ? `，其中 ${digest.deferred.waiting} 条仍在排队，将按序发出。` : '，均已发出。'),
        ]
      : []),
    ...(digest.urgent > 0 ? [`紧急：过去 7 天有 ${digest.urgent} 条通知或活动以「紧急」越过每人每日条数上限发出。`] : []),
    ...(digest.awaitingMembers > 0
      ? [`服务号：${digest.awaitingMembers} 条消息在等党员下次留言后发出（48 小时互动窗口已关闭，且没有可用的模板消息）。`]
      : []),
    ...(digest.leftForCapacity > 0 ? [proactiveBacklogText(digest.leftForCapacity)] : []),
    digest.suggestions.total > 0
      ? `建言献策：本周 ${digest.suggestions.total} 条${digest.suggestions.total > digest.suggestions.latest.length ? '，最近几条' : ''}：\n` +
        digest.suggestions.latest.map((s) => `  · ${s.name}：${s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text}`).join('\n')
      : '建言献策：本周没有新建议',
    ...(digest.suggestions.answered + digest.suggestions.adopted > 0
      ? [`建议办理：本周回复 ${digest.suggestions.answered} 条，采纳 ${digest.suggestions.adopted} 条。`]
      : []),
    ...(digest.openPolls.length > 0
      ? [
          `进行中的投票：\n${digest.openPolls
            .map((p) => `  · ${p.title}（编号 ${p.id}）已投 ${p.answered}/${p.sent} 人（${percent(p.answered, p.sent)}），${formatActivityTime(p.closesAt, timeZone)} 截止`)
            .join('\n')}`,
        ]
      : []),
    ...(digest.jobs.newSeekers + digest.jobs.placed + digest.jobs.seeking > 0
      ? [`返乡就业：本周新登记求职 ${digest.jobs.newSeekers} 人，已就业 ${digest.jobs.placed} 人；目前求职中 ${digest.jobs.seeking} 人（发送「就业统计」查看）。`]
      : []),
  ];
  return lines.join('\n');
}

/** 请假, 走访 and where members are, for the digest. */
function careLines(path: string, care: OrganizationDigest['care']): string[] {
  const { lostWithoutVisit } = care;
  const perOrganization = care.visitsByOrganization.length > 1 || care.visitsByOrganization.some((row) => row.path !== path)
    ? `（${care.visitsByOrganization.map((row) => `${row.path === path ? '本级' : row.path.slice(path.length + 1)} ${row.count} 次`).join('，')}）`
    : '';
  return [
    `走访：过去 7 天记录走访 ${care.visitsLastWeek} 次${perOrganization}；请假中 ${care.onLeave} 人。`,
    ...(lostWithoutVisit.total > 0
      ? [`疑似失联但提醒后还没有走访记录 ${lostWithoutVisit.total} 人：${nameList(lostWithoutVisit.names, lostWithoutVisit.total)}。联系后请发送「走访 姓名 电话 情况」。`]
      : []),
    ...(care.topResidences.length > 0 ? [`党员去向：${care.topResidences.map((row) => `${row.residence} ${row.count} 人`).join('，')}（发送「去向统计」查看）。`] : []),
  ];
}
