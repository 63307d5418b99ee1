import { describe, expect, it } from 'vitest';
import { parseRoster } from '../src/roster/parse-roster.ts';

const roster = (organization: string) => parseRoster(`姓名,手机号,党组织,角色\n张三,13900001234,${organization},党员\n`);

describe('organisation paths in a roster', () => {
  it('refuses .., . and empty levels, saying which path and how to write it', () => {
    for (const organization of ['城北区/../流动党员支部', '..', '城北区/./支部', '.', '城北区//支部', '/城北区/支部', '城北区/支部/', '城北区／..／支部']) {
      const { rows, errors } = roster(organization);
      expect(rows, organization).toEqual([]);
      expect(errors[0]?.reason, organization).toContain('城北区/祁连路社区/流动党员支部');
    }
  });

  it('keeps a well-formed path, full-width slashes and spaces around levels as one form', () => {
    expect(roster('城北区 ／ 祁连路社区/流动党员支部').rows[0]?.organizationPath).toBe('城北区/祁连路社区/流动党员支部');
    expect(roster('城北区/1.5支部').rows[0]?.organizationPath).toBe('城北区/1.5支部');
  });
});
