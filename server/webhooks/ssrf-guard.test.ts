import { describe, expect, it } from 'vitest';
import { checkDeliveryTarget, isForbiddenAddress, type Lookup } from './ssrf-guard';

function resolvesTo(...addresses: string[]): Lookup {
  return async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

const strict = (lookup: Lookup) => ({ allowPrivate: false, lookup });

describe('checkDeliveryTarget', () => {
  it('accepts a public host and answers the address to connect to', async () => {
    const result = await checkDeliveryTarget('https://hooks.example.com/kumori', strict(resolvesTo('93.184.216.34', '2606:2800:220:1::1')));
    expect(result).toEqual({ ok: true, address: '93.184.216.34', family: 4 });
  });

  it.each([
    ['private 10/8', '10.1.2.3'],
    ['private 172.16/12', '172.31.255.1'],
    ['private 192.168/16', '192.168.1.10'],
    ['CGNAT 100.64/10', '100.100.0.1'],
    ['loopback 127/8', '127.0.0.1'],
    ['loopback elsewhere in 127/8', '127.45.6.7'],
    ['IPv6 loopback', '::1'],
    ['link-local', '169.254.10.1'],
    ['cloud metadata', '169.254.169.254'],
    ['IPv6 link-local', 'fe80::1'],
    ['unique-local', 'fd12:3456::1'],
    ['AWS IPv6 metadata', 'fd00:ec2::254'],
    ['unspecified IPv4', '0.0.0.0'],
    ['unspecified IPv6', '::'],
    ['multicast', '224.0.0.251'],
    ['IPv6 multicast', 'ff02::1'],
    ['broadcast', '255.255.255.255'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped metadata in hex', '::ffff:a9fe:a9fe'],
    ['NAT64 private', '64:ff9b::10.0.0.1'],
  ])('refuses a host resolving to %s (%s)', async (_, address) => {
    const result = await checkDeliveryTarget('https://evil.example/', strict(resolvesTo(address)));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses when any one of several resolved addresses is private', async () => {
    const result = await checkDeliveryTarget('https://mixed.example/', strict(resolvesTo('93.184.216.34', '10.0.0.5')));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each(['http://127.0.0.1:3000/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0x7f.1/'])(
    'refuses the literal address in %s without a lookup',
    async (url) => {
      const lookup: Lookup = async () => {
        throw new Error('must not resolve a literal address');
      };
      expect(await checkDeliveryTarget(url, strict(lookup))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    },
  );

  it('accepts a public literal address', async () => {
    expect(await checkDeliveryTarget('https://[2606:4700::1111]/', strict(resolvesTo()))).toEqual({ ok: true, address: '2606:4700::1111', family: 6 });
  });

  it.each(['ftp://example.com/', 'file:///etc/passwd', 'gopher://example.com/'])('refuses the scheme of %s', async (url) => {
    expect(await checkDeliveryTarget(url, strict(resolvesTo('93.184.216.34')))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses URLs with credentials', async () => {
    const result = await checkDeliveryTarget('https://user:pass@hooks.example.com/', strict(resolvesTo('93.184.216.34')));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a malformed URL as invalid', async () => {
    expect(await checkDeliveryTarget('not a url', strict(resolvesTo()))).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('reports a host that does not resolve as unavailable, to be retried', async () => {
    const lookup: Lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await checkDeliveryTarget('https://gone.example/', strict(lookup))).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('lets loopback through when private addresses are allowed', async () => {
    const result = await checkDeliveryTarget('http://localhost:4000/hook', { allowPrivate: true, lookup: resolvesTo('127.0.0.1') });
    expect(result).toEqual({ ok: true, address: '127.0.0.1', family: 4 });
  });

  it('still refuses other schemes and credentials when private addresses are allowed', async () => {
    const options = { allowPrivate: true, lookup: resolvesTo('127.0.0.1') };
    expect(await checkDeliveryTarget('file:///etc/passwd', options)).toMatchObject({ ok: false });
    expect(await checkDeliveryTarget('http://a:b@localhost/', options)).toMatchObject({ ok: false });
  });
});

describe('isForbiddenAddress', () => {
  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('treats anything that is not an IP address as forbidden', () => {
    expect(isForbiddenAddress('localhost')).toBe(true);
  });
});
