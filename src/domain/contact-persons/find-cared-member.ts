import type { Db } from '../../db/client.ts';
import type { FindMemberResult } from '../shared/find-member-in-organization.ts';
import { contactPersonReaches } from './contact-person-reaches.ts';

/**
 * A member a contact person looks after, by exact name (and the phone's last 4 digits for namesakes);
 * `none` when they look after nobody at all. Reach is checked now, at the time of reading: a pairing
 * that a move took out of reach (contactPersonReaches) reads nothing.
 */
export async function findCaredMember(
  db: Db,
  options: { contactPersonId: number; name: string; phoneLast4: string | null },
): Promise<FindMemberResult | { outcome: 'none' }> {
  const rows = await db.member.findMany({
    where: { contactPersonId: options.contactPersonId },
    select: { id: true, name: true, phone: true, organization: { select: { path: true } }, contactPerson: { select: { organization: { select: { path: true } } } } },
    orderBy: { id: 'asc' },
  });
  const cared = rows.filter((member) =>
    contactPersonReaches({ memberPath: member.organization.path, contactPersonPath: member.contactPerson!.organization.path }),
  );
  if (cared.length === 0) return { outcome: 'none' };
  const found = cared.filter(
    (member) => member.name === options.name && (options.phoneLast4 === null || member.phone.endsWith(options.phoneLast4)),
  );
  if (found.length === 0) return { outcome: 'not-found' };
  if (found.length > 1) return { outcome: 'ambiguous' };
  return { outcome: 'found', member: { id: found[0]!.id, name: found[0]!.name } };
}
