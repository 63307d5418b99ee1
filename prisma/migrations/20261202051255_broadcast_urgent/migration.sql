-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "urgent" BOOLEAN NOT NULL DEFAULT false;
