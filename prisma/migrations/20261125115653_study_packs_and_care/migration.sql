-- CreateEnum
CREATE TYPE "StudyPackStatus" AS ENUM ('DRAFT', 'WAITING', 'PUSHED', 'DISCARDED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "BroadcastKind" ADD VALUE 'STUDY_PACK';
ALTER TYPE "BroadcastKind" ADD VALUE 'STUDY_REMINDER';
ALTER TYPE "BroadcastKind" ADD VALUE 'NUDGE';
ALTER TYPE "BroadcastKind" ADD VALUE 'CARE_ALERT';
ALTER TYPE "BroadcastKind" ADD VALUE 'DIGEST';

-- DropIndex
DROP INDEX "Member_lastActiveAt_idx";

-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "studyPackId" INTEGER;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "text" TEXT;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "careAlertedAt" TIMESTAMP(3),
ADD COLUMN     "lastNudgedAt" TIMESTAMP(3),
ADD COLUMN     "nudgeCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "StudyPack" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" "StudyPackStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pushedAt" TIMESTAMP(3),

    CONSTRAINT "StudyPack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyConfirmation" (
    "studyPackId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudyConfirmation_pkey" PRIMARY KEY ("studyPackId","memberId")
);

-- CreateTable
CREATE TABLE "BookHandout" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookHandout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StudyPack_organizationId_status_id_idx" ON "StudyPack"("organizationId", "status", "id");

-- CreateIndex
CREATE INDEX "StudyConfirmation_memberId_at_idx" ON "StudyConfirmation"("memberId", "at");

-- CreateIndex
CREATE INDEX "BookHandout_memberId_at_idx" ON "BookHandout"("memberId", "at");

-- CreateIndex
CREATE INDEX "Member_status_lastActiveAt_idx" ON "Member"("status", "lastActiveAt");

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_studyPackId_fkey" FOREIGN KEY ("studyPackId") REFERENCES "StudyPack"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyPack" ADD CONSTRAINT "StudyPack_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyPack" ADD CONSTRAINT "StudyPack_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyConfirmation" ADD CONSTRAINT "StudyConfirmation_studyPackId_fkey" FOREIGN KEY ("studyPackId") REFERENCES "StudyPack"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyConfirmation" ADD CONSTRAINT "StudyConfirmation_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookHandout" ADD CONSTRAINT "BookHandout_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
