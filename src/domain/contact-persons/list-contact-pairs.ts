import type { Db } from '../../db/client.ts';
import { withinOrganizationSql } from '../shared/organization-scope.ts';

export interface ContactPairs {
  contactPerson: string;
  members: string[];
}

/** 结对: the contact persons of members of an organisation and below, each with the members they look after. */
export async function listContactPairs(db: Db, options: { organizationPath: string; limit: number }): Promise<ContactPairs[]> {
  const rows = await db.$queryRaw<{ contact_person: string; members: string[] }[]>`
    SELECT c.name AS contact_person, array_agg(m.name ORDER BY m.name, m.id) AS members
    FROM "Member" m
    JOIN "Organization" o ON o.id = m."organizationId"
    JOIN "Member" c ON c.id = m."contactPersonId"
    WHERE ${withinOrganizationSql('o.path', options.organizationPath)}
    GROUP BY c.id, c.name
    ORDER BY c.name, c.id
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ contactPerson: row.contact_person, members: row.members }));
}
