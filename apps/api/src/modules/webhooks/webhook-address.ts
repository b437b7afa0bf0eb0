import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../../common/domain-error.js';

/** Resolves a host name to every address it has (A and AAAA), like the connection would. */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * The ipaddr.js range of an address; only `unicast` is the public internet. Everything else — loopback,
 * private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast,
 * reserved, and the IPv6 forms that wrap an IPv4 address (NAT64, 6to4, Teredo) — could reach this machine
 * or the platform's own network. An IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

export class WebhookAddressError extends DomainError {
  constructor(message: string) {
    super('webhooks/address_not_allowed', message, 422, [{ path: 'url', message }]);
  }
}

/**
 * Every address a webhook URL's host stands for, each checked: a URL whose host resolves to even one
 * non-public address is refused (a host with both answers could be made to connect to the private one).
 * With `allowPrivate` (local receivers in tests and benchmarks) only resolution is checked.
 */
export async function webhookAddresses(
  url: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<LookupAddress[]> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: LookupAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new WebhookAddressError(`The webhook host ${host} could not be resolved (${code})`);
    }
    if (addresses.length === 0) throw new WebhookAddressError(`The webhook host ${host} has no address`);
  }
  if (allowPrivate) return addresses;
  for (const { address } of addresses) {
    const range = addressRange(address);
    if (range !== 'unicast') {
      const via = address === host ? '' : ` (${host} resolves to ${address})`;
      throw new WebhookAddressError(
        `Webhooks may only reach public internet addresses; ${address} is a ${range} address${via}`,
      );
    }
  }
  return addresses;
}
