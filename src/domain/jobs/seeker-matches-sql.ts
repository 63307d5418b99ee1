import { Prisma } from '../../generated/prisma/client.ts';

/**
 * SQL for "job seeker js matches a post with these words": one of their wishes and one of the post's
 * words contain each other (货车司机 ~ 货车司机, 物流 ~ 西宁某物流). A seeker who named no wish (返乡)
 * wants any work and matches every post.
 */
export function seekerMatchesSql(keywords: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(js.status = 'SEEKING' AND (cardinality(js.wishes) = 0 OR EXISTS (
    SELECT 1 FROM unnest(js.wishes) w, unnest(${keywords}::text[]) k WHERE strpos(k, w) > 0 OR strpos(w, k) > 0)))`;
}

/** A post's words worth matching: those of two characters or more, at most 20 of them. */
export function postKeywords(text: string): string[] {
  return [...new Set(text.split(/[\s，,、；;。]+/).filter((word) => [...word].length >= 2))].slice(0, 20);
}
