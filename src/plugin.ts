import type { WechatyInterface } from 'wechaty/impls';
import { Assistant, type AssistantOptions } from './assistant/assistant.ts';
import { loadConfig } from './config.ts';
import { shareRoomLoads } from './wechaty/share-room-loads.ts';

export interface EngagementAssistantPlugin {
  (bot: WechatyInterface): () => void;
  /** The running assistant, once the bot has started. */
  readonly assistant: Assistant | undefined;
}

/**
 * The assistant as a Wechaty plugin: `bot.use(EngagementAssistant())`. Options default from
 * the environment (see src/config.ts). It starts with the bot and stops with it.
 */
export function EngagementAssistant(options: Partial<AssistantOptions> = {}): EngagementAssistantPlugin {
  let assistant: Assistant | undefined;
  const plugin = (bot: WechatyInterface) => {
    const start = () => {
      shareRoomLoads(bot);
      assistant ??= new Assistant(bot.puppet, { ...options, config: options.config ?? loadConfig() });
    };
    const stop = async () => {
      const running = assistant;
      assistant = undefined;
      await running?.stop();
    };
    const onStop = () => void stop();
    bot.on('start', start);
    bot.on('stop', onStop);
    // Installed into a bot that is already running: start now ('start' was emitted before).
    if (bot.state.active() === true) start();
    return () => {
      bot.off('start', start);
      bot.off('stop', onStop);
      void stop();
    };
  };
  return Object.defineProperty(plugin, 'assistant', { get: () => assistant }) as EngagementAssistantPlugin;
}
