// Usage: npm run oa:menu
// Creates the official account's (服务号) menu from src/official-account/default-menu.ts, replacing
// the one it has. Needs OA_APP_ID, OA_APP_SECRET and Redis (the access token is shared with the
// running assistant). Speaks Chinese to the operator: one line per problem and what to do.
// Exit codes: 0 created, 1 a problem.
import { createLogger } from '../src/log.ts';
import { defaultMenu } from '../src/official-account/default-menu.ts';
import type { MenuButton } from '../src/official-account/menu.ts';
import { OfficialAccountApi, WeChatApiError } from '../src/official-account/official-account-api.ts';
import { createRedis } from '../src/queues/redis.ts';
import { readConfig, requireServices } from '../src/read-config.ts';

const menuFile = 'src/official-account/default-menu.ts';
const config = readConfig();

process.exitCode = await main();

async function main(): Promise<number> {
  const { OA_APP_ID: appId, OA_APP_SECRET: appSecret } = config;
  const problems = [
    ...(appId ? [] : ['未设置 OA_APP_ID：请在 .env 中填写服务号的 AppID（公众号后台「设置与开发 → 基本配置」中的开发者ID）。']),
    ...(appSecret ? [] : ['未设置 OA_APP_SECRET：请在 .env 中填写服务号的 AppSecret（同一页面的开发者密码，可重置）。']),
  ];
  if (!appId || !appSecret) {
    for (const line of problems) console.error(line);
    return 1;
  }
  // The access token is kept in Redis, shared with the running assistant; PostgreSQL is not needed.
  await requireServices(config, { redis: true, postgres: false });
  const redis = createRedis(config.REDIS_URL);
  try {
    const api = new OfficialAccountApi({ appId, appSecret, baseUrl: config.OA_API_BASE_URL, redis, keyPrefix: config.QUEUE_PREFIX, log: createLogger('silent') });
    await api.createMenu(defaultMenu);
    console.log(`已更新服务号菜单：${defaultMenu.button.map(describe).join(' | ')}`);
    console.log('微信客户端最多 5 分钟后显示新菜单；取消关注再重新关注可以马上看到。');
    return 0;
  } catch (error) {
    console.error(error instanceof WeChatApiError ? advice(error) : `连不上微信接口 ${config.OA_API_BASE_URL}（${reason(error)}）：请检查本机网络，或 OA_API_BASE_URL 是否正确。`);
    return 1;
  } finally {
    await redis.quit();
  }
}

function describe(button: MenuButton): string {
  return 'sub_button' in button ? `${button.name}（${button.sub_button.map((sub) => sub.name).join('、')}）` : button.name;
}

/** What the operator should do about WeChat's answer. */
function advice(error: WeChatApiError): string {
  const said = `（微信返回 ${error.errcode}：${error.errmsg}）`;
  switch (error.errcode) {
    case 40013:
      return `OA_APP_ID 不是这个服务号的 AppID${said}：请核对公众号后台「设置与开发 → 基本配置」中的开发者ID。`;
    case 40001:
    case 40125:
      return `OA_APP_SECRET 不对${said}：请核对或重置公众号后台的开发者密码，再更新 .env。`;
    case 40164:
    case 61004:
      return `本机的出口 IP 不在服务号的 IP 白名单中${said}：请在「设置与开发 → 基本配置 → IP白名单」中加入它。`;
    case 48001:
      return `这个账号没有自定义菜单接口的权限${said}：需要已认证的服务号。`;
    case 45009:
    case 45011:
      return `接口调用次数已达上限${said}：请稍后再试。`;
    default:
      return isMenuErrcode(error.errcode)
        ? `菜单不合规${said}：请按 ${menuFile} 开头说明的限制修改后再运行。`
        : `微信接口返回错误${said}：请对照微信「全局返回码」说明处理后再运行。`;
  }
}

/** 40015–40027 (buttons, names, keys, urls) and 47001 (malformed body) are about the menu itself. */
function isMenuErrcode(errcode: number): boolean {
  return (errcode >= 40015 && errcode <= 40027) || errcode === 47001;
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return cause ?? (error instanceof Error ? error.message : String(error));
}
