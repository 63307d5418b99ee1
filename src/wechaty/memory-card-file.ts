import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where Wechaty keeps the account's login session, the memory card: a secret, since whoever has
 * it is logged in as the bot. Returns the name to build Wechaty with (it stores the card at
 * `<name>.memory-card.json`), after making the folder private (0700) and the file 0600: Wechaty
 * rewrites an existing file in place, so the mode set here holds.
 */
export function prepareMemoryCard(dir: string, botName: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const name = path.resolve(dir, botName);
  const file = `${name}.memory-card.json`;
  if (existsSync(file)) chmodSync(file, 0o600);
  else writeFileSync(file, '{}', { mode: 0o600 });
  return name;
}
