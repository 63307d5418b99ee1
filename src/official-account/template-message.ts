import type { Config } from '../config.ts';
import type { MessageSummary } from '../delivery/chat-port.ts';

export interface TemplateMessage {
  templateId: string;
  data: Record<string, string>;
}

/**
 * What WeChat shows of a template field, by the kind its key names (thing1, time2 …): a `thing` at
 * most 20 characters, a `name` 10, a `phrase` 5, codes and numbers 32. Longer text is cut with "…";
 * the template's link opens the whole message.
 */
const fieldLengths: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32, number: 32, letter: 32, car_number: 8, phone_number: 17 };

/** The template configured for the message's kind (or the default one), filled from its summary; null when none is configured. */
export function templateMessage(templates: Config['OA_TEMPLATES'], summary: MessageSummary): TemplateMessage | null {
  const template = templates[summary.kind] ?? templates.default;
  if (!template) return null;
  const data = Object.fromEntries(
    Object.entries(template.data).map(([key, field]) => [key, cut(summary.fields[field] ?? '—', fieldLengths[key.replace(/\d+$/, '')] ?? 20)]),
  );
  return { templateId: template.id, data };
}

function cut(text: string, length: number): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  return characters.length <= length ? characters.join('') : `${characters.slice(0, length - 1).join('')}…`;
}
