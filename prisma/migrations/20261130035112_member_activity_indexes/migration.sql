-- CreateIndex
CREATE INDEX "Attendance_memberId_at_idx" ON "Attendance"("memberId", "at");

-- CreateIndex
CREATE INDEX "Suggestion_memberId_idx" ON "Suggestion"("memberId");
