/** How a path should look, for the reasons below. */
const example = '城北区/祁连路社区/流动党员支部';

/**
 * An organisation path as written in a roster (levels between / or ／, spaces around them ignored):
 * the stored form, or why it is refused. An empty level, `.` or `..` is refused: they would create
 * organisations named `..` (or nothing) that look like a move up the tree. Linear in the text.
 */
export function readOrganizationPath(raw: string): { path: string } | { problem: string } {
  const levels = raw.split(/[/／]/).map((level) => level.trim());
  if (levels.some((level) => level === '')) return { problem: `党组织「${raw}」有空的层级，应写成 ${example} 这样` };
  if (levels.some((level) => level === '.' || level === '..')) return { problem: `党组织「${raw}」的层级不能是「.」或「..」，应写成 ${example} 这样` };
  return { path: levels.join('/') };
}
