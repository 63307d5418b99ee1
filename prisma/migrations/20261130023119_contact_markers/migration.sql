-- AlterTable
ALTER TABLE "ChatGroup" ADD COLUMN     "topic" TEXT;

-- AlterTable
ALTER TABLE "WechatContact" ADD COLUMN     "alias" TEXT,
ADD COLUMN     "aliasSetAt" TIMESTAMP(3),
ADD COLUMN     "handle" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "WechatContact_alias_key" ON "WechatContact"("alias");
