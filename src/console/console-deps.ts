import type { ActivityReminders } from '../../jobs/activity-reminders.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { ContactMarkers } from '../delivery/contact-markers.ts';
import type { Outbox } from '../delivery/outbox.ts';
import type { Logger } from '../log.ts';
import type { OfficialAccountApi } from '../official-account/official-account-api.ts';

/** What the console's plugins work with: the same database, outbox and clock as the chat side. */
export interface ConsoleDeps {
  config: Config;
  db: Db;
  /** Messages written in the console (notices, replies to 建议) go through the account's outbox. */
  outbox: Outbox;
  /** An activity opened in the console gets its reminders like one opened in chat. */
  reminders: ActivityReminders;
  /** Remarks on contacts picked in 待确认 answers; without it (a console run alone) the next contact survey writes them. */
  markers?: Pick<ContactMarkers, 'mark'>;
  /** Where pages and exports read (DATABASE_READ_URL, a replica); without it, `db`. Read through readsFrom. */
  readDb?: Db;
  now: () => Date;
  log: Logger;
  /** On the official account: its API, for an activity's attendance QR code. */
  officialAccount?: Pick<OfficialAccountApi, 'createQrCode'>;
}

/** The connection the console's reads use: the read replica when there is one, else the database itself. */
export function readsFrom(deps: ConsoleDeps): Db {
  return deps.readDb ?? deps.db;
}
