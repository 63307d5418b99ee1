-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "durationMinutes" INTEGER NOT NULL DEFAULT 120;

-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN     "adoptedAt" TIMESTAMP(3),
ADD COLUMN     "adoptedById" INTEGER;

-- CreateTable
CREATE TABLE "VolunteerTeam" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VolunteerTeam_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerTeam_organizationId_name_key" ON "VolunteerTeam"("organizationId", "name");

-- AddForeignKey
ALTER TABLE "VolunteerTeam" ADD CONSTRAINT "VolunteerTeam_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Today's tags become teams: each tag carried by members of an organisation is a team of that
-- organisation, and the members carrying it are its members (membership is the tag itself).
INSERT INTO "VolunteerTeam" ("organizationId", "name")
SELECT DISTINCT m."organizationId", t.tag
FROM "Member" m CROSS JOIN LATERAL unnest(m.tags) AS t(tag)
ON CONFLICT DO NOTHING;
