/**
 * One line of a simulator script (or of what the operator types):
 *   <姓名> <群|私聊> <内容>   a message, e.g. 「张三 群 签到」 (also: group / dm)
 *   等待 <秒>               a pause, e.g. 「等待 16」 (also: wait 16)
 *   运行 <任务> [+N天]       runs a scheduled job now, as if it were N days later, e.g. 「运行 silent-scan +15天」
 *                           (also: run silent-scan +15d)
 *   # …                     a comment; blank lines are skipped
 */
export type ScriptStep =
  | { kind: 'message'; who: string; where: 'group' | 'direct'; text: string }
  | { kind: 'wait'; seconds: number }
  | { kind: 'run'; job: string; days: number }
  | { kind: 'skip' }
  | { kind: 'error'; reason: string };

const places: Record<string, 'group' | 'direct'> = { 群: 'group', group: 'group', 私聊: 'direct', dm: 'direct' };

export function parseScriptLine(line: string): ScriptStep {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'skip' };
  const wait = /^(?:等待|wait)\s+(\d+(?:\.\d+)?)$/i.exec(trimmed);
  if (wait) return { kind: 'wait', seconds: Number(wait[1]) };
  const run = /^(?:运行|run)\s+(\S+)(?:\s+\+(\d+)\s*(?:天|d))?$/i.exec(trimmed);
  if (run) return { kind: 'run', job: run[1]!, days: Number(run[2] ?? 0) };
  const message = /^(\S+)\s+(\S+)\s+(.+)$/.exec(trimmed);
  const where = message ? places[message[2]!.toLowerCase()] : undefined;
  if (!message || !where) {
    return { kind: 'error', reason: '格式：<姓名> <群|私聊> <内容>，例如「张三 群 签到」；或「等待 <秒>」；或「运行 <定时任务> [+N天]」' };
  }
  return { kind: 'message', who: message[1]!, where, text: message[3]! };
}
