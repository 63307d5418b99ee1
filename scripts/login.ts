/**
 * `npm run login`: shows the operator the QR code that the running bot's WeChat puppet wants
 * scanned (after a logout, or at the first start), and waits until the account is logged in.
 * The running bot keeps the code in Redis for this; it is never sent anywhere else.
 */
import { createRedis } from '../src/queues/redis.ts';
import { officialAccountPuppet } from '../src/config.ts';
import { readConfig, requireServices } from '../src/read-config.ts';
import { loginQrCodeKey, readLoginState, showLoginQrCode } from '../src/wechaty/operator-login.ts';

/** A running bot that wants a scan has put its QR code in Redis long before this: none by then, no bot is waiting. */
const noBotAfterMs = 2_000;

const config = readConfig();
if (!config.WECHATY_PUPPET || config.WECHATY_PUPPET === officialAccountPuppet) {
  console.log(
    config.WECHATY_PUPPET
      ? '服务号不需要扫码登录：npm start 即可运行。'
      : '没有配置 WECHATY_PUPPET：本地模拟器（npm start）不需要登录。要登录个人微信，请先在 .env 中设置 WECHATY_PUPPET。',
  );
  process.exit(0);
}
await requireServices(config, { redis: true });
const redis = createRedis(config.REDIS_URL);
const key = loginQrCodeKey(config.QUEUE_PREFIX, config.BOT_NAME);
const waitMs = Number(process.env.LOGIN_WAIT_SECONDS ?? 600) * 1000;
const startedAt = Date.now();
const deadline = startedAt + waitMs;
let shown = '';
let outcome = 1;
while (Date.now() < deadline) {
  const login = await readLoginState(redis, key);
  if (login.state === 'logged-in') {
    console.log(shown ? `${config.BOT_NAME} 已登录：助手稍等片刻（RESUME_COOLDOWN_MINUTES）后恢复发送。` : `${config.BOT_NAME} 已经登录，不需要扫码。`);
    outcome = 0;
    break;
  }
  if (login.state === 'unknown' && !shown && Date.now() - startedAt >= noBotAfterMs) break;
  if (login.state === 'scan' && login.qrcode !== shown) {
    shown = login.qrcode;
    showLoginQrCode(login.qrcode);
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
if (outcome !== 0) {
  console.log(
    shown
      ? '还没有登录：请再运行 npm run login 获取新的二维码。'
      : `没有正在等待扫码的助手（${config.BOT_NAME}）：请先在另一个终端运行 npm start，它请求扫码后再运行 npm run login。`,
  );
}
await redis.quit();
process.exit(outcome);
