import qrcodeTerminal from 'qrcode-terminal';
import { WechatyBuilder } from 'wechaty';
import * as PUPPET from 'wechaty-puppet';
import type { WechatyInterface } from 'wechaty/impls';
import type { Config } from '../config.ts';
import { prepareMemoryCard } from './memory-card-file.ts';

/** Prints a login QR code in this terminal, for the operator to scan with the bot's WeChat account. */
export function showLoginQrCode(qrcode: string): void {
  console.log('Scan this QR code with the WeChat account the bot should use:');
  qrcodeTerminal.generate(qrcode, { small: true });
}

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
