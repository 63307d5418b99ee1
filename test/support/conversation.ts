import type { ContactMock } from '../../src/simulator/mock-world.ts';
import type { Harness } from './harness.ts';

/** Everything the bot sends the contact in answer to `text`, once all is handled (the reply and what it set off). */
export async function answerTo(h: Harness, contact: ContactMock, text: string): Promise<string> {
  const before = h.sent.length;
  await h.ask(contact, text);
  await h.settle();
  return h.sent.slice(before).filter((m) => m.conversationId === contact.id).map((m) => m.text).join('\n');
}
