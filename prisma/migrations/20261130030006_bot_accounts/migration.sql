-- AlterTable
ALTER TABLE "ChatGroup" ADD COLUMN     "account" TEXT;

-- AlterTable
ALTER TABLE "WechatContact" ADD COLUMN     "account" TEXT;
