-- CreateTable
CREATE TABLE "RelinkQuestion" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "fromContactId" TEXT NOT NULL,
    "candidateIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "RelinkQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RelinkQuestion_fromContactId_answeredAt_idx" ON "RelinkQuestion"("fromContactId", "answeredAt");

-- AddForeignKey
ALTER TABLE "RelinkQuestion" ADD CONSTRAINT "RelinkQuestion_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
