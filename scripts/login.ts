/**
 * `npm run login`: shows the operator the QR code that the running bot's WeChat puppet wants
 * scanned (after a logout, or at the first start), and waits until the account is logged in.
 * The running bot keeps the code in Redis for this; it is never sent anywhere else.
 */
import { createRedis } from '../src/queues/redis.ts';
import { readConfig, requireServices } from '../src/read-config.ts';
import { loginQrCodeKey, readLoginState } from '../src/wechaty/login-qr-code.ts';
import { showLoginQrCode } from '../src/wechaty/build-wechaty.ts';

const config = readConfig();
if (!config.WECHATY_PUPPET) {
  console.log('No WECHATY_PUPPET configured: the simulator (npm start) needs no login.');
  process.exit(0);
}
await requireServices(config, { redis: true });
const redis = createRedis(config.REDIS_URL);
const key = loginQrCodeKey(config.QUEUE_PREFIX, config.BOT_NAME);
const waitMs = Number(process.env.LOGIN_WAIT_SECONDS ?? 600) * 1000;
const deadline = Date.now() + waitMs;
let shown = '';
let outcome = 1;
while (Date.now() < deadline) {
  const login = await readLoginState(redis, key);
  if (login.state === 'logged-in') {
    console.log(shown ? `${config.BOT_NAME}: logged in. The bot resumes sending after its cool-down.` : `${config.BOT_NAME} is logged in.`);
    outcome = 0;
    break;
  }
  if (login.state === 'scan' && login.qrcode !== shown) {
    shown = login.qrcode;
    showLoginQrCode(login.qrcode);
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
if (outcome !== 0) {
  console.log(
    shown
      ? 'Not logged in yet. Run npm run login again for a fresh code.'
      : `${config.BOT_NAME} has not asked for a scan: is it running? (npm start)`,
  );
}
await redis.quit();
process.exit(outcome);
