import { isWithinOrganization } from '../shared/organization-scope.ts';

/**
 * Whether a contact person still reaches the member they were paired with: the member's organisation
 * is the contact person's, or one above or below it on the same line. A member moved to another branch
 * is out of reach of their old branch's contact person (issue 17), while a committee member of the
 * community still looks after members of its branches. Checked when care records are read, not only
 * when the pair was made.
 */
export function contactPersonReaches(paths: { memberPath: string; contactPersonPath: string }): boolean {
  const { memberPath, contactPersonPath } = paths;
  return isWithinOrganization(memberPath, contactPersonPath) || isWithinOrganization(contactPersonPath, memberPath);
}
