import {
  TosAcceptanceError,
  buildTosAcceptance,
  buildTosPatch,
  tosAcceptBodySchema,
} from '@kyc-kit/core/server';
import { Hono } from 'hono';
import { abandonSignalOf, type ProxyDeps, type ProxyEnv } from './createProxyDeps';
import { jsonAnswer } from './jsonAnswer';
import { ProxyError } from './ProxyError';
import { requireWrite } from './proxyMiddleware';
import { parseBody } from './validateRequestBody';

/**
 * The Terms of Service routes: `POST /customer/tos` records the user's
 * acceptance (at the server's time) of a document the proxy could show,
 * `GET /tos/:versionId` serves the
 * sanitized document of a version the user's customer is asked to accept.
 */
export function createTermsRoutes(deps: ProxyDeps) {
  const { upstream, hub } = deps;
  const routes = new Hono<ProxyEnv>();

  routes.post('/customer/tos', requireWrite(deps), async (c) => {
    const body = parseBody(tosAcceptBodySchema, await deps.readJson(c), ['versionId', 'language']);
    const userId = c.get('user').id;
    const customerId = await deps.linkedCustomerId(userId);
    const current = await deps.onLinkedCustomer(customerId, () =>
      deps.readCustomer(customerId, abandonSignalOf(c)),
    );
    const requirement = current.requirements.tos;
    if (!requirement) throw new ProxyError('tos_not_required');
    let acceptance;
    try {
      // The acceptance time is the server's: a browser clock (or a forged one) is never recorded.
      acceptance = buildTosAcceptance(requirement, {
        versionId: body.versionId,
        language: body.language,
        acceptedAt: new Date().toISOString(),
      });
    } catch (error) {
      if (error instanceof TosAcceptanceError) {
        throw new ProxyError(
          error.code === 'unsupported_language' ? 'unsupported_tos_language' : 'tos_version_unavailable',
          { cause: error },
        );
      }
      throw error;
    }
    // Only terms the user could be shown are accepted: the proxy loads (or finds cached) the very
    // document of this version and language, and refuses the acceptance when it cannot.
    const version = requirement.tos?.versions.find(
      (candidate) => candidate.versionId === acceptance.versionId,
    );
    if (version === undefined) throw new ProxyError('tos_version_unavailable');
    await deps.tosDocuments.load(version, acceptance.language, abandonSignalOf(c));
    const context = await deps.writeContext(c, 'tos');
    const customer = await deps.onLinkedCustomer(customerId, () =>
      upstream.updateCustomer(customerId, buildTosPatch(upstream.provider, acceptance), context),
    );
    await hub.publish(userId, customer);
    return jsonAnswer({ customer });
  });

  routes.get('/tos/:versionId', async (c) => {
    const versionId = c.req.param('versionId');
    const customer = await deps.readLinkedCustomer(c.get('user').id, (customerId) =>
      deps.readCustomer(customerId, abandonSignalOf(c)),
    );
    const version = customer.requirements.tos?.tos?.versions.find(
      (candidate) => candidate.versionId === versionId,
    );
    if (!version) throw new ProxyError('not_found', { detail: 'no such ToS version for this customer' });
    const language = c.req.query('language') ?? version.languages[0] ?? 'en';
    if (!version.languages.includes(language)) throw new ProxyError('unsupported_tos_language');
    const document = await deps.tosDocuments.load(version, language, abandonSignalOf(c));
    return jsonAnswer({ versionId, language, title: document.title, html: document.html });
  });

  return routes;
}
