import type { FastifyInstance } from 'fastify';
import type { AssistantPart } from '../assistant/assistant-part.ts';
import { createDb, type Db } from '../db/client.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { buildConsoleApp } from './console-app.ts';

/** The secretary console, served by the assistant's own process on WEB_HOST:WEB_PORT (none when WEB_PORT=0). */
export class ConsolePart implements AssistantPart {
  readonly name = 'console';
  private app: FastifyInstance | undefined;
  /** Its own connection to DATABASE_READ_URL, when set. */
  private replica: Db | undefined;

  constructor(
    private readonly deps: ConsoleDeps,
    /** More routes on the same server, outside the console's login: the official account's callback. */
    private readonly extraRoutes?: (app: FastifyInstance) => Promise<void>,
  ) {}

  async start(): Promise<void> {
    const { config, log } = this.deps;
    if (config.WEB_PORT === 0) return;
    this.replica = config.DATABASE_READ_URL ? createDb(config.DATABASE_READ_URL) : undefined;
    this.app = await buildConsoleApp({ ...this.deps, ...(this.replica ? { readDb: this.replica } : {}) }, this.extraRoutes);
    try {
      await this.app.listen({ port: config.WEB_PORT, host: config.WEB_HOST });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new Error(`The console's port ${config.WEB_PORT} on ${config.WEB_HOST} is in use: set WEB_PORT to a free port, or WEB_PORT=0 for no console`);
    }
    log.info({ host: config.WEB_HOST, port: config.WEB_PORT }, 'console listening');
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.replica?.$disconnect();
  }
}
