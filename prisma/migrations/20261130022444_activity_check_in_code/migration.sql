-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "checkInCode" TEXT NOT NULL DEFAULT lpad(((floor((random() * (10000)::double precision)))::integer)::text, 4, '0'::text);
