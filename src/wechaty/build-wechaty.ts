import { WechatyBuilder } from 'wechaty';
import * as PUPPET from 'wechaty-puppet';
import type { WechatyInterface } from 'wechaty/impls';
import type { Config } from '../config.ts';
import { prepareMemoryCard } from './memory-card-file.ts';
import { showLoginQrCode } from './operator-login.ts';

/** The configured puppet, with its login session kept in MEMORY_CARD_DIR (private to the owner). */
export function buildWechaty(config: Config): WechatyInterface {
  const bot = WechatyBuilder.build({
    name: prepareMemoryCard(config.MEMORY_CARD_DIR, config.BOT_NAME),
    puppet: config.WECHATY_PUPPET as never,
    ...(config.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetOptions: { token: config.WECHATY_PUPPET_SERVICE_TOKEN } } : {}),
  });
  bot.on('scan', (qrcode, status) => {
    const { Waiting, Timeout } = PUPPET.types.ScanStatus;
    if (qrcode && (status === Waiting || status === Timeout)) showLoginQrCode(qrcode);
  });
  return bot;
}
