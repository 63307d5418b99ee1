import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAccess } from '../domain/access-log/record-access.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { userOf } from './session.ts';

/** Console pages that show other members' care records or phone numbers, and what each is logged as. */
const loggedPages: Record<string, string> = {
  '/members/:id': 'member-records',
  '/visits': 'visits',
  '/hardship': 'hardship',
  '/whereabouts': 'whereabouts',
  '/care': 'phones',
  '/employment': 'phones',
  '/export/:name': 'export',
};

/**
 * An onResponse hook for the console's pages: each page of loggedPages served (200) is written to the
 * 操作日志 — a member's page under that member, a list or an export under the organisation shown
 * (?org=, or the user's own). After the response: a failure to log is logged, and never shown.
 */
export function accessLogHook(deps: ConsoleDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const route = request.routeOptions.url ?? '';
    const action = loggedPages[route];
    if (request.method !== 'GET' || reply.statusCode !== 200 || !action) return;
    const user = userOf(request);
    const params = request.params as { id?: number | string; name?: string };
    const at = deps.now();
    try {
      if (params.id !== undefined) await recordAccess(deps.db, { actorId: user.memberId, action, subjectId: Number(params.id), at });
      else {
        const organizationId = (request.query as { org?: number }).org ?? user.organizationId;
        const name = params.name ? `${action}:${params.name.replace(/\.xlsx$/, '')}` : action;
        await recordAccess(deps.db, { actorId: user.memberId, action: name, organizationId, at });
      }
    } catch (error) {
      deps.log.error({ err: error, route }, 'access log not written');
    }
  };
}
