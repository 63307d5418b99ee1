import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Personal data never goes in: log ids (member id, contact id),
 * never names or phone numbers. The redaction below is a safety net for mistakes.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['phone', 'text', 'memberName', '*.phone', '*.text', '*.memberName'],
      censor: '[redacted]',
    },
  });
}
