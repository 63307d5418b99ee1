-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "deferredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BotAccount" (
    "name" TEXT NOT NULL,
    "firstLoginAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotAccount_pkey" PRIMARY KEY ("name")
);
