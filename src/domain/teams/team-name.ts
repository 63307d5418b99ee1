/** The longest team name: it is typed after 加入 and 活动@. */
export const teamNameLimit = 20;

/** A team name is one word (letters, digits, ·, -): no spaces, and no @, which 活动@队名 reads as the target. */
export function isTeamName(name: string): boolean {
  return [...name].length <= teamNameLimit && /^[\p{L}\p{N}·_-]+$/u.test(name);
}

/** What a member or secretary is told when a name is missing or not a name. */
export function teamNameUsage(keyword: string): string {
  return `请写上服务队名称（最多 ${teamNameLimit} 字，不含空格），例如「${keyword} 政策宣传」。`;
}
