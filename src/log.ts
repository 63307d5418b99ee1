import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Personal data never goes in: log ids (member id, contact id),
 * never names or phone numbers. The redaction and the error serializer below are a safety net.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: ['phone', 'text', 'memberName', '*.phone', '*.text', '*.memberName'],
      censor: '[redacted]',
    },
    serializers: { err: safeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Errors as logs may show them: Prisma's and the database driver's messages can quote the
 * query with its values (a member's name, a phone number), so only the first line of the
 * message is kept — it names what failed, not with what — plus the code and where it happened.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: firstLine(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: firstLine(error.message),
    stack: error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8).join('\n'),
  };
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 300);
}
