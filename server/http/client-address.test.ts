import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressLimitSubject, CLIENT_ADDRESS_HEADER, clientAddressOf, resolveClientAddress, stampClientAddress } from './client-address';

describe('resolveClientAddress', () => {
  it('ignores X-Forwarded-For without trusted proxies: the socket is the client', () => {
    expect(resolveClientAddress('127.0.0.2', '203.0.113.9', 0)).toBe('127.0.0.2');
    expect(resolveClientAddress('::ffff:127.0.0.3', ['10.0.0.1', '10.0.0.2'], 0)).toBe('127.0.0.3');
    expect(resolveClientAddress(undefined, '203.0.113.9', 0)).toBe('unknown');
  });

  it('takes the entry the last trusted proxy appended, never one further left', () => {
    // One proxy: it appended the address it received from; what the client wrote is to its left.
    expect(resolveClientAddress('10.0.0.1', 'forged, 198.51.100.7', 1)).toBe('198.51.100.7');
    // Two proxies: the outer one appended the client, the inner one the outer one.
    expect(resolveClientAddress('10.0.0.2', 'forged, 198.51.100.7, 10.0.0.1', 2)).toBe('198.51.100.7');
    expect(resolveClientAddress('10.0.0.2', ['forged', '198.51.100.7, 10.0.0.1'], 2)).toBe('198.51.100.7');
    expect(resolveClientAddress('10.0.0.1', '::ffff:198.51.100.7', 1)).toBe('198.51.100.7');
  });

  it('falls back to the socket when a proxy is configured but no header came', () => {
    expect(resolveClientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', ' , ', 1)).toBe('10.0.0.1');
  });
});

describe('clientAddressOf', () => {
  it('reads the stamped header from a Headers object or a plain record', () => {
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: '127.0.0.2' }))).toBe('127.0.0.2');
    expect(clientAddressOf({ [CLIENT_ADDRESS_HEADER]: '127.0.0.3' })).toBe('127.0.0.3');
    expect(clientAddressOf({ 'x-forwarded-for': '127.0.0.4' })).toBe('unknown');
    expect(clientAddressOf(undefined)).toBe('unknown');
  });
});

describe('addressLimitSubject', () => {
  it('keeps IPv4 addresses and counts IPv6 by /64', () => {
    expect(addressLimitSubject('127.0.0.2')).toBe('127.0.0.2');
    expect(addressLimitSubject('unknown')).toBe('unknown');
    expect(addressLimitSubject('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressLimitSubject('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressLimitSubject('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressLimitSubject('::1')).toBe('0:0:0:0::/64');
    expect(addressLimitSubject('64:ff9b:0:0:0:0:1.2.3.4')).toBe('64:ff9b:0:0::/64');
    expect(addressLimitSubject('2001:db8:1:3::1')).not.toBe(addressLimitSubject('2001:db8:1:2::1'));
  });
});

describe('stampClientAddress on a real socket', () => {
  let port = 0;
  let hops = 0;
  const server = createServer((req, res) => {
    stampClientAddress(req, hops);
    const raw: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === CLIENT_ADDRESS_HEADER) raw.push(req.rawHeaders[i + 1]);
    res.end(JSON.stringify({ parsed: req.headers[CLIENT_ADDRESS_HEADER], raw }));
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const askRaw = (localAddress: string, lines: string[]) =>
    new Promise<{ parsed: string; raw: string[] }>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, localAddress }, () => {
        socket.end(['GET / HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n'));
      });
      let reply = '';
      socket.on('data', (c) => (reply += c));
      socket.on('end', () => resolve(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))));
      socket.on('error', reject);
    });

  const ask = (localAddress: string, headers: IncomingHttpHeaders) =>
    new Promise<{ parsed: string; raw: string[] }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, localAddress, path: '/', headers: headers as never, agent: false }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      });
      req.on('error', reject);
      req.end();
    });

  it('uses the socket address and overwrites every copy of the header a client sent', async () => {
    hops = 0;
    expect(await ask('127.0.0.2', {})).toEqual({ parsed: '127.0.0.2', raw: ['127.0.0.2'] });
    expect(await ask('127.0.0.3', { 'x-forwarded-for': '127.0.0.9', [CLIENT_ADDRESS_HEADER]: '127.0.0.9' })).toEqual({ parsed: '127.0.0.3', raw: ['127.0.0.3'] });
    // Raw header lines, sent as written: two copies in different case.
    const twice = ['X-Kumori-Client-Address: 10.9.9.9', 'x-kumori-client-address: 10.8.8.8', 'X-Forwarded-For: 10.7.7.7'];
    expect(await askRaw('127.0.0.4', twice)).toEqual({ parsed: '127.0.0.4', raw: ['127.0.0.4'] });
  });

  it('reads X-Forwarded-For only behind trusted proxies', async () => {
    hops = 1;
    expect(await ask('127.0.0.2', { 'x-forwarded-for': 'forged, 198.51.100.7', [CLIENT_ADDRESS_HEADER]: 'forged' })).toEqual({ parsed: '198.51.100.7', raw: ['198.51.100.7'] });
    expect(await ask('127.0.0.2', {})).toEqual({ parsed: '127.0.0.2', raw: ['127.0.0.2'] });
  });
});
