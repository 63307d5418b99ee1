-- CreateTable
CREATE TABLE "LeaveRecord" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "reason" TEXT,

    CONSTRAINT "LeaveRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LeaveRecord_memberId_startedAt_idx" ON "LeaveRecord"("memberId", "startedAt");

-- AddForeignKey
ALTER TABLE "LeaveRecord" ADD CONSTRAINT "LeaveRecord_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Leaves in force before the history existed: their start is not known, the last change of the member stands for it.
INSERT INTO "LeaveRecord" ("memberId", "startedAt", "until", "reason")
SELECT id, LEAST("updatedAt", "leaveUntil"), "leaveUntil", "leaveReason" FROM "Member" WHERE "leaveUntil" IS NOT NULL;
