import type { FastifyInstance, FastifyReply } from 'fastify';
import type { InboundMessage } from '../intake/inbound-message.ts';
import type { Logger } from '../log.ts';
import { checkSignature, openCallback, stringParam, type CallbackSecrets, type RefusalReason } from './open-callback.ts';
import { aesKeyOf } from './message-crypto.ts';
import { toInboundMessage } from './to-inbound-message.ts';

export const callbackPath = '/oa/callback';
/** WeChat's callbacks are a few hundred bytes; 安全模式 adds a third. */
export const callbackBodyLimit = 64 * 1024;

export interface CallbackRouteOptions extends CallbackSecrets {
  /** Resolves once the message is durable in the intake queue; only then is WeChat told `success`. */
  accept: (message: InboundMessage) => Promise<void>;
  now: () => Date;
  log: Logger;
}

/**
 * The official account's callback, `GET` and `POST /oa/callback`, as a Fastify plugin with its own
 * XML parser and error handler (encapsulated: the host app's parsers stay as they are).
 * GET is the 服务器配置 handshake: echostr back when signed. POST answers `success` once intake
 * holds the message (replies go out later as 客服消息), 503 when intake failed so that WeChat
 * retries; anything not proven WeChat's gets 403 and records nothing. No database work here:
 * WeChat gives up after 5 seconds.
 */
export function callbackRoute(options: CallbackRouteOptions) {
  // A bad key stops start-up, not the first member's message.
  if (options.encodingAesKey !== undefined) aesKeyOf(options.encodingAesKey);
  const refusals = new Map<string, number>();
  const refuse = (reply: FastifyReply, reason: RefusalReason | 'oversized' | 'not-xml', status = 403) => {
    const count = (refusals.get(reason) ?? 0) + 1;
    refusals.set(reason, count);
    options.log.warn({ reason, count }, 'official account callback refused');
    return reply.code(status).type('text/plain').send(status === 403 ? 'forbidden' : 'refused');
  };

  return async (app: FastifyInstance): Promise<void> => {
    app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: callbackBodyLimit }, (_request, body, done) => done(null, body));
    app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(reply, 'oversized', 413);
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return refuse(reply, 'not-xml', 415);
      options.log.error({ err: error }, 'official account callback failed');
      return reply.code(error.statusCode ?? 500).type('text/plain').send('error');
    });

    app.get(callbackPath, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const refused = checkSignature(query, options, options.now());
      if (refused) return refuse(reply, refused);
      const echostr = stringParam(query, 'echostr');
      // Echoed as sent: kept to WeChat's digits and letters so the answer can carry nothing else.
      if (!echostr || !/^[A-Za-z0-9_-]{1,128}$/.test(echostr)) return refuse(reply, 'bad-echostr');
      return reply.type('text/plain').send(echostr);
    });

    app.post(callbackPath, { bodyLimit: callbackBodyLimit }, async (request, reply) => {
      const opened = openCallback({ query: request.query as Record<string, unknown>, body: request.body, secrets: options, now: options.now() });
      if ('refused' in opened) return refuse(reply, opened.refused);
      const message = toInboundMessage(opened.fields);
      if (message) {
        try {
          await options.accept(message);
        } catch (error) {
          options.log.error({ err: error }, 'official account callback: intake did not take the message; WeChat will retry');
          return reply.code(503).type('text/plain').send('retry');
        }
      }
      return reply.type('text/plain').send('success');
    });
  };
}
