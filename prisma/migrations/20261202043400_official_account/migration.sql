-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "qrCodeExpiresAt" TIMESTAMP(3),
ADD COLUMN     "qrCodeUrl" TEXT;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "awaitingSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WechatContact" ADD COLUMN     "unionId" TEXT,
ADD COLUMN     "unreachableAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NoticeLink" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeLink_tokenHash_key" ON "NoticeLink"("tokenHash");

-- CreateIndex
CREATE INDEX "NoticeLink_expiresAt_idx" ON "NoticeLink"("expiresAt");
