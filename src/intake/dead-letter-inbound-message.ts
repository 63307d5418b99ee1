import type { OperatorAlerts } from '../alerts/operator-alerts.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { InboundMessage } from './inbound-message.ts';

/**
 * Sets aside a message that fails on its own (poison), with its error, so that it stops holding up
 * the queue; the operator is alerted once per message (a retry that finds it set aside says nothing).
 * `keepText` false (a 绑定, which carries a phone ending or a code) keeps who and when, not what.
 */
export async function deadLetterInboundMessage(
  deps: { db: Db; alerts: OperatorAlerts; log: Logger; account: string },
  options: { message: InboundMessage; error: unknown; keepText: boolean; now: Date },
): Promise<void> {
  const { message, error, keepText, now } = options;
  const { text: _text, ...withoutText } = message;
  const { count } = await deps.db.intakeDeadLetter.createMany({
    data: {
      messageId: message.id,
      account: deps.account,
      payload: keepText ? { ...message } : withoutText,
      error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 2000) : String(error).slice(0, 2000),
      at: now,
    },
    skipDuplicates: true,
  });
  if (count === 0) return;
  deps.log.error({ messageId: message.id, err: error }, 'inbound message failed on its own; set aside in IntakeDeadLetter');
  deps.alerts.send({
    event: 'intake-dead-letter',
    text: `一条消息单独处理仍然失败，已移入 IntakeDeadLetter（消息 ${message.id}），同批其余消息已处理。请查看错误并修复后再处理它。`,
  });
}
