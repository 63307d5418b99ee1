/**
 * What a scheduled job did, in one Chinese line for the simulator's operator:
 * `silent-scan：提醒 3 人，疑似失联 0 人，…`. The jobs return counts by name; each name is said here.
 */
const countWords: Record<string, (count: number) => string> = {
  nudged: (n) => `提醒 ${n} 人`,
  escalated: (n) => `疑似失联 ${n} 人`,
  leftForNextScan: (n) => `留待下次 ${n} 人`,
  leftForNextRun: (n) => `留待下次 ${n} 人`,
  alerted: (n) => `报告书记 ${n} 人`,
  alertMessages: (n) => `预警消息 ${n} 条`,
  queued: (n) => `待发送 ${n} 条`,
  digests: (n) => `周报 ${n} 份`,
  packs: (n) => `学习包 ${n} 个`,
  deliveries: (n) => `消息 ${n} 条`,
  reminders: (n) => `提醒 ${n} 条`,
  closed: (n) => `截止投票 ${n} 个`,
  prompted: (n) => `询问去向 ${n} 人`,
  reminded: (n) => `提醒联系人 ${n} 人`,
  forgotten: (n) => `删除原文 ${n} 条`,
  failures: (n) => `删除绑定失败记录 ${n} 条`,
  codes: (n) => `删除过期绑定码 ${n} 个`,
  deleted: (n) => `删除 ${n} 条`,
  requeued: (n) => `重新排队 ${n} 条`,
  alreadyQueued: (n) => `已在队列 ${n} 条`,
  activities: (n) => `活动提醒 ${n} 个活动`,
};

export function jobResultLine(jobName: string, result: unknown): string {
  const parts = counts(result);
  return `${jobName}：${parts.length > 0 ? parts.join('，') : '完成'}`;
}

/** `{ deliveries: { requeued: 2, … }, activities: 1 }` → ['重新排队 2 条', …, '活动提醒 1 个活动']. */
function counts(result: unknown): string[] {
  if (typeof result !== 'object' || result === null) return [];
  return Object.entries(result).flatMap(([name, value]) => {
    if (typeof value === 'number') return [countWords[name]?.(value) ?? `${name} ${value}`];
    return counts(value);
  });
}
