import type { Config } from '../../config.ts';
import { trimCharacters } from '../shared/trim-characters.ts';

/** The console's address in links, without a trailing slash; null when the console is off (WEB_PORT=0). */
export function consoleBaseUrl(config: Pick<Config, 'WEB_PORT' | 'WEB_HOST' | 'WEB_BASE_URL'>): string | null {
  if (config.WEB_PORT === 0) return null;
  if (config.WEB_BASE_URL) return trimCharacters(config.WEB_BASE_URL, (char) => char === '/', 'end');
  const host = config.WEB_HOST.includes(':') ? `[${config.WEB_HOST}]` : config.WEB_HOST;
  return `http://${host}:${config.WEB_PORT}`;
}
