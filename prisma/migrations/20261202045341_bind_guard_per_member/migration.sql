-- AlterTable
ALTER TABLE "BindFailure" ADD COLUMN     "memberId" INTEGER;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "bindLockedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "BindFailure_memberId_at_idx" ON "BindFailure"("memberId", "at");
