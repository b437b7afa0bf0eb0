import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { addressRange, type Resolver, webhookAddresses } from './webhook-address.js';

/** A DNS that answers from a table, so the check's use of every answer is tested without a network. */
const dns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const answers = table[host];
    if (!answers) throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answers.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('webhook address check', () => {
  it('classifies public and non-public addresses, including IPv6 forms wrapping IPv4', () => {
    expect(addressRange('93.184.215.14')).toBe('unicast');
    expect(addressRange('2606:2800:21f:cb07:6820:80da:af6b:8b2c')).toBe('unicast');
    expect(addressRange('127.0.0.2')).toBe('loopback');
    expect(addressRange('172.16.5.4')).toBe('private');
    expect(addressRange('::ffff:10.0.0.1')).toBe('private');
    expect(addressRange('fe80::1')).toBe('linkLocal');
    expect(addressRange('64:ff9b::a00:1')).toBe('rfc6052');
    expect(addressRange('2002:7f00:1::')).toBe('6to4');
  });

  it('refuses a name when any of its addresses is not public (one good answer is not enough)', async () => {
    const resolve = dns({ 'hooks.example.ge': ['93.184.215.14', '10.0.0.7'], 'ok.example.ge': ['93.184.215.14'] });
    await expect(webhookAddresses('https://hooks.example.ge/x', false, resolve)).rejects.toThrow(
      'Webhooks may only reach public internet addresses; 10.0.0.7 is a private address (hooks.example.ge resolves to 10.0.0.7)',
    );
    await expect(webhookAddresses('https://ok.example.ge/x', false, resolve)).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
    ]);
  });

  it('allows private addresses with the flag, but still needs the name to resolve', async () => {
    const resolve = dns({ 'receiver.local': ['127.0.0.1'] });
    await expect(webhookAddresses('http://receiver.local:8080/x', true, resolve)).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
    await expect(webhookAddresses('http://nowhere.invalid/x', true, resolve)).rejects.toThrow(
      'The webhook host nowhere.invalid could not be resolved (ENOTFOUND)',
    );
  });
});
