/** Package entry: `import { EngagementAssistant } from 'mobile-member-assistant'`. */
export { EngagementAssistant, type EngagementAssistantPlugin } from './plugin.ts';
export { Assistant, type AssistantOptions } from './assistant/assistant.ts';
export { loadConfig, ConfigError, type Config } from './config.ts';
