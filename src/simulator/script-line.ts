/**
 * One line of a simulator script (or of what the operator types):
 *   <姓名> <群|私聊> <内容>   a message, e.g. 「张三 群 签到」 (also: group / dm)
 *   <姓名> 关注 | 取关        follows / unfollows the official account (simulator --official-account)
 *   <姓名> 菜单 <按钮>        taps the official account's menu button whose key is <按钮>, e.g. 「张三 菜单 签到」
 *   <姓名> 扫码 <活动编号>     scans the activity's attendance QR code, e.g. 「张三 扫码 1」
 *   等待 <秒>               a pause, e.g. 「等待 16」 (also: wait 16)
 *   运行 <任务> [+N天]       runs a scheduled job now, as if it were N days later, e.g. 「运行 silent-scan +15天」
 *                           (also: run silent-scan +15d)
 *   # …                     a comment; blank lines are skipped
 */
export type ScriptStep =
  | { kind: 'message'; who: string; where: 'group' | 'direct'; text: string }
  | { kind: 'event'; who: string; event: AccountEvent }
  | { kind: 'wait'; seconds: number }
  | { kind: 'run'; job: string; days: number }
  | { kind: 'skip' }
  | { kind: 'error'; reason: string };

/** What a member does on an official account besides writing. */
export type AccountEvent = { type: 'follow' } | { type: 'unfollow' } | { type: 'menu'; key: string } | { type: 'scan'; activityId: number };

const places: Record<string, 'group' | 'direct'> = { 群: 'group', group: 'group', 私聊: 'direct', dm: 'direct' };

const format =
  '格式：<姓名> <群|私聊> <内容>，例如「张三 群 签到」；服务号：<姓名> 关注 | 取关 | 菜单 <按钮> | 扫码 <活动编号>；或「等待 <秒>」；或「运行 <定时任务> [+N天]」';

export function parseScriptLine(line: string): ScriptStep {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'skip' };
  const wait = /^(?:等待|wait)\s+(\d+(?:\.\d+)?)$/i.exec(trimmed);
  if (wait) return { kind: 'wait', seconds: Number(wait[1]) };
  const run = /^(?:运行|run)\s+(\S+)(?:\s+\+(\d+)\s*(?:天|d))?$/i.exec(trimmed);
  if (run) return { kind: 'run', job: run[1]!, days: Number(run[2] ?? 0) };
  const event = accountEvent(trimmed);
  if (event) return event;
  const message = /^(\S+)\s+(\S+)\s+(.+)$/.exec(trimmed);
  const where = message ? places[message[2]!.toLowerCase()] : undefined;
  if (!message || !where) return { kind: 'error', reason: format };
  return { kind: 'message', who: message[1]!, where, text: message[3]! };
}

function accountEvent(line: string): ScriptStep | null {
  const follow = /^(\S+)\s+(关注|取关)$/.exec(line);
  if (follow) return { kind: 'event', who: follow[1]!, event: { type: follow[2] === '关注' ? 'follow' : 'unfollow' } };
  const menu = /^(\S+)\s+菜单\s+(\S+)$/.exec(line);
  if (menu) return { kind: 'event', who: menu[1]!, event: { type: 'menu', key: menu[2]! } };
  const scan = /^(\S+)\s+扫码\s+(\d{1,9})$/.exec(line);
  if (scan) return { kind: 'event', who: scan[1]!, event: { type: 'scan', activityId: Number(scan[2]) } };
  return null;
}
