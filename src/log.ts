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

/** 13912345678 → 139****5678, for the rare operator message that must point at a row. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
