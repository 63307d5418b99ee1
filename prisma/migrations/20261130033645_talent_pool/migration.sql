-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "willingToServe" BOOLEAN NOT NULL DEFAULT false;
