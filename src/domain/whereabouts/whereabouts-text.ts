import type { WhereaboutsSource } from '../../generated/prisma/client.ts';

export const whereaboutsSourceLabels: Readonly<Record<WhereaboutsSource, string>> = { ROSTER: '名册', MEMBER: '本人', VISIT: '走访确认' };

/** The longest 现居地 or 工作 a member may give. */
export const maxWhereaboutsLength = 50;
