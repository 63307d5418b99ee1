import type * as PUPPET from 'wechaty-puppet';
import type { OperatorAlerts } from '../alerts/operator-alerts.ts';
import type { Db } from '../db/client.ts';
import type { ContactMarkers } from '../delivery/contact-markers.ts';
import type { Outbox } from '../delivery/outbox.ts';
import { askRelinkQuestions } from '../domain/members/ask-relink-questions.ts';
import { listUnmarkedContacts } from '../domain/members/list-unmarked-contacts.ts';
import type { Logger } from '../log.ts';
import { surveyContacts } from './survey-contacts.ts';

/**
 * Keeps members and groups tied to their WeChat contacts and rooms across logins: after each
 * login (before the outbox sends again) and now and then in between, it re-links what moved and
 * has remarks written on newly bound contacts.
 */
export class ContactKeeper {
  private readonly timer: NodeJS.Timeout;
  private surveys: Promise<void> = Promise.resolve();

  constructor(
    private readonly puppet: PUPPET.impls.PuppetInterface,
    private readonly options: {
      db: Db;
      account: string;
      outbox: Outbox;
      markers: ContactMarkers;
      alerts: OperatorAlerts;
      now: () => Date;
      log: Logger;
      everyMs?: number;
    },
  ) {
    this.timer = setInterval(() => {
      if (puppet.isLoggedIn) void this.survey();
    }, options.everyMs ?? 30 * 60_000).unref();
  }

  /**
   * Never throws: a failed survey leaves the links as they were, with a log line. One at a time; a
   * survey asked for while one runs starts after it (the running one may predate a new login).
   */
  survey(): Promise<void> {
    this.surveys = this.surveys.then(() => this.run());
    return this.surveys;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A contact as WeChat shows it to the secretary: its name. */
  private async describe(id: string): Promise<{ id: string; name: string }> {
    const payload = await this.puppet.contactPayload(id).catch(() => null);
    return { id, name: payload?.name || '（未知联系人）' };
  }

  private async run(): Promise<void> {
    const { db, account, outbox, markers, alerts, now, log } = this.options;
    try {
      const result = await surveyContacts(this.puppet, db, account);
      const ambiguous = result.ambiguous.length;
      if (result.contacts + result.groups + ambiguous > 0) log.info({ contacts: result.contacts, groups: result.groups, ambiguous }, 'contacts re-linked');
      if (ambiguous > 0) {
        log.warn({ ambiguous: result.ambiguous }, 'contacts or groups not re-linked: more than one match');
        alerts.send({ event: 'relink-ambiguous', text: `登录后有 ${ambiguous} 个联系人或群无法唯一对应，未自动关联，请核对。` });
        // Which of several contacts is the member: their secretaries are asked (待确认).
        const doubts = await Promise.all(
          result.ambiguous
            .filter((entry) => entry.kind === 'contact' && entry.candidateIds.length > 1)
            .map(async (entry) => ({ fromContactId: entry.id, candidates: await Promise.all(entry.candidateIds.map((id) => this.describe(id))) })),
        );
        await outbox.enqueueDeliveries(await askRelinkQuestions(db, { doubts, now: now() }));
      }
      await markers.mark(await listUnmarkedContacts(db, account));
    } catch (error) {
      log.error({ err: error }, 'contact survey failed');
    }
  }
}
