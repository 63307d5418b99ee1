import type { FastifyInstance } from 'fastify';
import { findScopedOrganization } from '../../domain/console/find-scoped-organization.ts';
import { localDay } from '../../domain/shared/local-day.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { rowIdSchema } from '../format.ts';
import { userOf } from '../session.ts';
import { ledgers, type LedgerName } from './ledgers.ts';
import { sendWorkbook } from './xlsx-stream.ts';

/** The Excel exports (台账), each for the user's organisation (or one below it, ?org=) and everything below. */
export const exports = Object.keys(ledgers) as LedgerName[];
export type ExportName = LedgerName;

export const exportTitles = Object.fromEntries(exports.map((name) => [name, ledgers[name].title])) as Record<ExportName, string>;

export function exportRoutes(deps: ConsoleDeps) {
  const { db, log } = deps;
  const timeZone = deps.config.APP_TIME_ZONE;
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/export/:name',
      {
        schema: {
          params: { type: 'object', required: ['name'], properties: { name: { type: 'string', enum: exports.map((name) => `${name}.xlsx`) } } },
          querystring: { type: 'object', properties: { org: rowIdSchema } },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const name = (request.params as { name: string }).name.replace(/\.xlsx$/, '') as ExportName;
        const organization = await findScopedOrganization(db, { scopePath: user.scopePath, organizationId: (request.query as { org?: number }).org });
        if (!organization) return reply.callNotFound();
        const now = deps.now();
        log.info({ memberId: user.memberId, organizationId: organization.id, export: name }, 'console export');
        const fileName = `${organization.name}-${exportTitles[name]}-${localDay(now, timeZone)}.xlsx`;
        await sendWorkbook(reply, {
          fileName,
          log,
          heading: { organizationName: organization.name, exportedAt: now, timeZone },
          write: (workbook) => ledgers[name].write(workbook, { deps, organizationPath: organization.path, now }),
        });
        return reply;
      },
    );
  };
}
