-- AlterEnum
ALTER TYPE "BroadcastKind" ADD VALUE 'ACCOUNT_NOTICE';

-- CreateTable
CREATE TABLE "BindFailure" (
    "id" SERIAL NOT NULL,
    "contactId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BindFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BindCode" (
    "codeHash" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BindCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateIndex
CREATE INDEX "BindFailure_contactId_at_idx" ON "BindFailure"("contactId", "at");

-- CreateIndex
CREATE INDEX "BindCode_memberId_idx" ON "BindCode"("memberId");

-- AddForeignKey
ALTER TABLE "BindCode" ADD CONSTRAINT "BindCode_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
