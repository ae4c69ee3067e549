import { describe, expect, test } from 'vitest';
import { checkHost, hostName } from './host-check';

describe('host check', () => {
  test('reads the host name without port or IPv6 brackets', () => {
    expect(hostName('LocalHost:3000')).toBe('localhost');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('example.org')).toBe('example.org');
  });

  test('IP addresses are always allowed; names only when listed', () => {
    expect(checkHost('10.0.0.7:3000', ['localhost'])).toBe('ok');
    expect(checkHost('[fe80::1]', ['localhost'])).toBe('ok');
    expect(checkHost('localhost.:3000', ['localhost'])).toBe('ok');
    expect(checkHost('attacker.example', ['localhost'])).toBe('not_allowed');
    expect(checkHost('attacker.example', ['*'])).toBe('ok');
  });

  test('a missing or empty Host is reported as missing', () => {
    expect(checkHost(undefined, ['localhost'])).toBe('missing');
    expect(checkHost(':80', ['localhost'])).toBe('missing');
  });
});
