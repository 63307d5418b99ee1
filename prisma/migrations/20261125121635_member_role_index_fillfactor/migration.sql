-- CreateIndex
CREATE INDEX "Member_role_organizationId_idx" ON "Member"("role", "organizationId");

-- Leave room in each page of "Member" (not expressible in schema.prisma; Prisma's diff ignores it):
-- the daily silent-member scan updates members in place (nudgeCount, lastNudgedAt, careAlertedAt),
-- and with free space in the page those are HOT updates that touch none of the table's indexes.
ALTER TABLE "Member" SET (fillfactor = 85);
