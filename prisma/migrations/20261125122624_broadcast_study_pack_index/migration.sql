-- CreateIndex
CREATE INDEX "Broadcast_studyPackId_idx" ON "Broadcast"("studyPackId");
