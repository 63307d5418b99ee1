-- CreateEnum
CREATE TYPE "JobSeekerStatus" AS ENUM ('SEEKING', 'PLACED');

-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "jobPostId" INTEGER;

-- CreateTable
CREATE TABLE "JobSeeker" (
    "memberId" INTEGER NOT NULL,
    "status" "JobSeekerStatus" NOT NULL,
    "wishes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "since" TIMESTAMP(3) NOT NULL,
    "placedAt" TIMESTAMP(3),
    "placedNote" TEXT,

    CONSTRAINT "JobSeeker_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "JobPost" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "keywords" TEXT[],
    "toGroups" BOOLEAN NOT NULL DEFAULT false,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobInterest" (
    "jobPostId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobInterest_pkey" PRIMARY KEY ("jobPostId","memberId")
);

-- CreateIndex
CREATE INDEX "JobSeeker_status_idx" ON "JobSeeker"("status");

-- CreateIndex
CREATE INDEX "JobPost_organizationId_idx" ON "JobPost"("organizationId");

-- CreateIndex
CREATE INDEX "JobInterest_memberId_idx" ON "JobInterest"("memberId");

-- CreateIndex
CREATE INDEX "Broadcast_jobPostId_idx" ON "Broadcast"("jobPostId");

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_jobPostId_fkey" FOREIGN KEY ("jobPostId") REFERENCES "JobPost"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobInterest" ADD CONSTRAINT "JobInterest_jobPostId_fkey" FOREIGN KEY ("jobPostId") REFERENCES "JobPost"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
