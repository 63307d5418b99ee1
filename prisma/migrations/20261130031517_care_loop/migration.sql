-- CreateEnum
CREATE TYPE "VisitKind" AS ENUM ('PHONE', 'VIDEO', 'HOME', 'WECHAT', 'FAMILY');

-- CreateEnum
CREATE TYPE "WhereaboutsSource" AS ENUM ('ROSTER', 'MEMBER', 'VISIT');

-- AlterEnum
ALTER TYPE "BroadcastKind" ADD VALUE 'WHEREABOUTS_PROMPT';

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "contactPersonId" INTEGER,
ADD COLUMN     "leaveReason" TEXT,
ADD COLUMN     "leaveUntil" TIMESTAMP(3),
ADD COLUMN     "whereaboutsAt" TIMESTAMP(3),
ADD COLUMN     "whereaboutsPromptedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "WhereaboutsReport" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "residence" TEXT,
    "workplace" TEXT,
    "source" "WhereaboutsSource" NOT NULL,
    "recordedById" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WhereaboutsReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareVisit" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "kind" "VisitKind" NOT NULL,
    "note" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "proposedResidence" TEXT,
    "proposedWorkplace" TEXT,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "CareVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HardshipCase" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "openedById" INTEGER NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "HardshipCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HardshipHelp" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" DECIMAL(12,2),
    "detail" TEXT,
    "recordedById" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HardshipHelp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WhereaboutsReport_memberId_at_idx" ON "WhereaboutsReport"("memberId", "at");

-- CreateIndex
CREATE INDEX "CareVisit_memberId_at_idx" ON "CareVisit"("memberId", "at");

-- CreateIndex
CREATE INDEX "CareVisit_recordedById_at_idx" ON "CareVisit"("recordedById", "at");

-- CreateIndex
CREATE INDEX "CareVisit_organizationId_at_idx" ON "CareVisit"("organizationId", "at");

-- CreateIndex
CREATE INDEX "HardshipCase_memberId_closedAt_idx" ON "HardshipCase"("memberId", "closedAt");

-- CreateIndex
CREATE INDEX "HardshipCase_organizationId_openedAt_idx" ON "HardshipCase"("organizationId", "openedAt");

-- CreateIndex
CREATE INDEX "HardshipHelp_caseId_idx" ON "HardshipHelp"("caseId");

-- CreateIndex
CREATE INDEX "HardshipHelp_at_idx" ON "HardshipHelp"("at");

-- CreateIndex
CREATE INDEX "Member_contactPersonId_idx" ON "Member"("contactPersonId");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_contactPersonId_fkey" FOREIGN KEY ("contactPersonId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WhereaboutsReport" ADD CONSTRAINT "WhereaboutsReport_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareVisit" ADD CONSTRAINT "CareVisit_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardshipCase" ADD CONSTRAINT "HardshipCase_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardshipHelp" ADD CONSTRAINT "HardshipHelp_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "HardshipCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
