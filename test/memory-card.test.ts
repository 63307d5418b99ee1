import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WechatyBuilder } from 'wechaty';
import { MockWorld } from '../src/simulator/mock-world.ts';
import { prepareMemoryCard } from '../src/wechaty/memory-card-file.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;

describe('memory card', () => {
  it('keeps the login session in its own private folder, readable by the owner only, after Wechaty saved it', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'memory-card-'));
    const cardDir = path.join(dir, 'sessions');
    const world = new MockWorld();
    const bot = WechatyBuilder.build({ name: prepareMemoryCard(cardDir, 'branch-bot'), puppet: world.puppet });
    await bot.start();
    world.login();
    // What a puppet does with its login session; the interface type leaves `memory` out.
    const { memory } = bot as unknown as { memory: { set(key: string, value: string): Promise<void>; save(): Promise<void> } };
    await memory.set('session', 'secret-token');
    await memory.save();
    await bot.stop();

    const card = path.join(cardDir, 'branch-bot.memory-card.json');
    expect(readFileSync(card, 'utf8')).toContain('secret-token');
    expect(mode(cardDir)).toBe(0o700);
    expect(mode(card)).toBe(0o600);
  });

  it('closes up a card left readable by others', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'memory-card-'));
    const card = path.join(dir, 'branch-bot.memory-card.json');
    writeFileSync(card, '{"session":"kept"}', { mode: 0o644 });
    chmodSync(dir, 0o755);
    prepareMemoryCard(dir, 'branch-bot');
    expect(mode(dir)).toBe(0o700);
    expect(mode(card)).toBe(0o600);
    expect(readFileSync(card, 'utf8')).toBe('{"session":"kept"}');
  });
});
