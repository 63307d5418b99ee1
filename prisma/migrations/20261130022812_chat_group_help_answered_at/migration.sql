-- AlterTable
ALTER TABLE "ChatGroup" ADD COLUMN     "helpAnsweredAt" TIMESTAMP(3);
