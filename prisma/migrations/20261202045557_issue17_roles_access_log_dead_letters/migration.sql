-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'DROPPED';

-- AlterTable
ALTER TABLE "BotAccount" ADD COLUMN     "officialAccount" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "rolePendingSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ProactiveBacklog" (
    "job" TEXT NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "waiting" INTEGER NOT NULL,
    "countedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProactiveBacklog_pkey" PRIMARY KEY ("job","organizationId")
);

-- CreateTable
CREATE TABLE "AccessLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "subjectId" INTEGER,
    "organizationId" INTEGER NOT NULL,

    CONSTRAINT "AccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntakeDeadLetter" (
    "messageId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntakeDeadLetter_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE INDEX "AccessLog_organizationId_at_idx" ON "AccessLog"("organizationId", "at");

-- CreateIndex
CREATE INDEX "AccessLog_at_idx" ON "AccessLog"("at");

-- CreateIndex
CREATE INDEX "Delivery_status_capped_idx" ON "Delivery"("status", "capped");

-- AddForeignKey
ALTER TABLE "ProactiveBacklog" ADD CONSTRAINT "ProactiveBacklog_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
