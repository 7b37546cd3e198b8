import {
  buildCapabilitiesRequest,
  buildCreateRequest,
  buildPatch,
  createCustomerBodySchema,
  isPhoneMetadataLoaded,
  loadPhoneMetadata,
  updateCustomerBodySchema,
  type Customer,
} from '@kyc-kit/core/server';
import { Hono } from 'hono';
import { abandonSignalOf, type ProxyDeps, type ProxyEnv } from './createProxyDeps';
import { customerAnswer } from './jsonAnswer';
import { ProxyError } from './ProxyError';
import { requireWrite } from './proxyMiddleware';
import { parseBody, validateCapabilities, validateSubmittedFields } from './validateRequestBody';

/** A creator that has not linked its customer after this long is presumed dead. */
const CREATION_STALE_MS = 60_000;

/** `GET`, `POST` and `PATCH /customer`: read, create (once per user) and update the user's own customer. */
export function createCustomerRoutes(deps: ProxyDeps) {
  const { upstream, store, logger, hub } = deps;
  const routes = new Hono<ProxyEnv>();

  // "No customer yet" (or deleted at the provider) is the normal first state: 200 `{ customer: null, provider }`,
  // no error status; the provider lets the page plan a new customer's steps from its own table.
  routes.get('/', async (c) => {
    try {
      const signal = abandonSignalOf(c);
      return customerAnswer(
        await deps.readLinkedCustomer(c.get('user').id, (customerId) =>
          deps.readCustomer(customerId, signal),
        ),
        200,
        upstream.provider,
      );
    } catch (error) {
      if (error instanceof ProxyError && error.reason === 'no_customer')
        return customerAnswer(null, 200, upstream.provider);
      throw error;
    }
  });

  routes.post('/', requireWrite(deps), async (c) => {
    const body = parseBody(createCustomerBodySchema, await deps.readJson(c), ['capabilities', 'fields']);
    validateCapabilities(upstream.provider, body.capabilities);
    // Every country's phone rules, not the browser's +1-only set: the proxy decides in full.
    if (!isPhoneMetadataLoaded()) await loadPhoneMetadata();
    const values = validateSubmittedFields(upstream.provider, body.fields ?? {}, deps.fieldSpecs);
    const userId = c.get('user').id;
    // One creator per user in this process; the store's claim covers other processes.
    return deps.creationLock.run(userId, async () => {
      let claim = await store.claimCustomerCreation(userId, {
        now: Date.now(),
        staleAfterMs: CREATION_STALE_MS,
      });
      if (claim.status === 'linked') {
        const linkedId = claim.customerId;
        try {
          return customerAnswer(
            await deps.onLinkedCustomer(linkedId, () => deps.readCustomer(linkedId, abandonSignalOf(c))),
          );
        } catch (error) {
          if (!(error instanceof ProxyError && error.reason === 'no_customer')) throw error;
          // The linked customer was deleted upstream and is now unlinked: this request creates a new one.
          claim = await store.claimCustomerCreation(userId, {
            now: Date.now(),
            staleAfterMs: CREATION_STALE_MS,
          });
          if (claim.status === 'linked') throw new ProxyError('create_in_progress', { retryAfterSeconds: 1 });
        }
      }
      if (claim.status === 'busy') throw new ProxyError('create_in_progress', { retryAfterSeconds: 1 });
      let customer: Customer;
      try {
        const context = await deps.writeContext(c, 'create');
        customer = await upstream.createCustomer(
          buildCreateRequest(
            upstream.provider,
            { capabilities: body.capabilities, values },
            { fieldSpecs: deps.fieldSpecs },
          ),
          context,
        );
        await store.linkCustomer(userId, customer.id);
        deps.links.set(userId, customer.id);
      } catch (error) {
        await store.releaseCustomerCreation(userId);
        throw error;
      }
      logger.info({ user: deps.userReference(userId), provider: upstream.provider }, 'customer created');
      await hub.publish(userId, customer);
      return customerAnswer(customer, 201);
    });
  });

  routes.patch('/', requireWrite(deps), async (c) => {
    const body = parseBody(updateCustomerBodySchema, await deps.readJson(c), ['capabilities', 'fields']);
    const capabilities = body.capabilities ?? [];
    validateCapabilities(upstream.provider, capabilities);
    // Every country's phone rules, not the browser's +1-only set: the proxy decides in full.
    if (!isPhoneMetadataLoaded()) await loadPhoneMetadata();
    const values = validateSubmittedFields(upstream.provider, body.fields ?? {}, deps.fieldSpecs);
    if (capabilities.length === 0 && Object.keys(values).length === 0)
      throw new ProxyError('invalid_request', { detail: 'nothing to update' });
    const userId = c.get('user').id;
    const customerId = await deps.linkedCustomerId(userId);
    const context = await deps.writeContext(c, 'update');
    const request = {
      ...buildCapabilitiesRequest(upstream.provider, capabilities),
      ...buildPatch(upstream.provider, values, { fieldSpecs: deps.fieldSpecs }),
    };
    const customer = await deps.onLinkedCustomer(customerId, () =>
      upstream.updateCustomer(customerId, request, context),
    );
    await hub.publish(userId, customer);
    return customerAnswer(customer);
  });

  return routes;
}
