import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config.ts';

/**
 * The configuration for a command-line entry point (`npm start`, the scripts): `.env` in the
 * working directory if there is one, then the environment; a bad value prints which and exits 1.
 */
export function readConfig(overrides: Record<string, string> = {}): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig({ ...overrides, ...process.env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
