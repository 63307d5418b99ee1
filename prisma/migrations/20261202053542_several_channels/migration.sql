-- AlterTable
ALTER TABLE "WechatContact" ADD COLUMN     "officialAccount" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "speaksForId" INTEGER;

-- CreateIndex
CREATE INDEX "WechatContact_speaksForId_idx" ON "WechatContact"("speaksForId");

-- AddForeignKey
ALTER TABLE "WechatContact" ADD CONSTRAINT "WechatContact_speaksForId_fkey" FOREIGN KEY ("speaksForId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
