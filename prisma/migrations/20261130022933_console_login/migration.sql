-- AlterEnum
ALTER TYPE "BroadcastKind" ADD VALUE 'SUGGESTION_REPLY';

-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN     "repliedAt" TIMESTAMP(3),
ADD COLUMN     "repliedById" INTEGER,
ADD COLUMN     "replyText" TEXT;

-- CreateTable
CREATE TABLE "ConsoleLoginLink" (
    "tokenHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsoleLoginLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "idHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "ConsoleLoginLink_memberId_idx" ON "ConsoleLoginLink"("memberId");

-- CreateIndex
CREATE INDEX "ConsoleSession_memberId_idx" ON "ConsoleSession"("memberId");

-- AddForeignKey
ALTER TABLE "ConsoleLoginLink" ADD CONSTRAINT "ConsoleLoginLink_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleSession" ADD CONSTRAINT "ConsoleSession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
