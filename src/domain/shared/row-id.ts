/** PostgreSQL's INTEGER, which our ids are: a larger number names no row (and would fail the query). */
const largestRowId = 2_147_483_647;

/** Whether a number a member typed (编号 12) can be the id of a row at all. */
export function isRowId(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value <= largestRowId;
}
