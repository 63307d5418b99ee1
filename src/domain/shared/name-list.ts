/** Secretaries' lists show at most this many names; the rest are summed up as 「等 N 人」. */
export const namesShown = 50;

/** 张三、李四、王五; when there are more than shown: 张三、李四…等 120 人. */
export function nameList(names: string[], total: number): string {
  return names.length < total ? `${names.join('、')}…等 ${total} 人` : names.join('、');
}

/** The listed lines, and 「…等 N 人」 when there were more than listed. */
export function cappedLines(lines: string[], total: number): string[] {
  return lines.length < total ? [...lines, `…等 ${total} 人`] : lines;
}
