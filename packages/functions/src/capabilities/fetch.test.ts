import { describe, expect, it } from 'vitest';
import { checkUrlAllowed } from './fetch';

const allowed = [
  'api.example.com',
  '*.gov.example',
  '127.0.0.1:8080',
  '[::1]:9000',
  'secure.example.com:443',
];
const ok = (url: string) => expect(() => checkUrlAllowed(url, allowed), url).not.toThrow();
const refused = (url: string) =>
  expect(() => checkUrlAllowed(url, allowed), url).toThrow(
    /allowedHosts|Only http|credentials|valid absolute/,
  );

describe('checkUrlAllowed', () => {
  it('allows listed hosts on their default or listed ports', () => {
    ok('https://api.example.com/v1/items?x=1');
    ok('http://API.EXAMPLE.COM./x'.replace('COM.', 'COM'));
    ok('https://data.gov.example/x');
    ok('http://127.0.0.1:8080/hook');
    ok('http://[::1]:9000/');
    ok('https://secure.example.com/');
  });

  it('refuses other hosts, ports and schemes', () => {
    refused('https://evil.example.com/');
    refused('https://api.example.com.evil.net/');
    refused('https://gov.example/'); // a wildcard covers subdomains only
    refused('https://api.example.com:8443/');
    refused('http://127.0.0.1/');
    refused('http://127.0.0.1:8081/');
    refused('file:///etc/passwd');
    refused('ftp://api.example.com/');
    refused('javascript:alert(1)');
    refused('not a url');
    refused('https://user:pw@api.example.com/');
  });

  it('compares addresses after URL normalisation, so other spellings of a refused IP stay refused', () => {
    const onlyLoopback8080 = ['127.0.0.1:8080'];
    for (const url of [
      'http://2130706433:8080/',
      'http://0x7f.1:8080/',
      'http://127.1:8080/',
      'http://0177.0.0.1:8080/',
    ]) {
      expect(checkUrlAllowed(url, onlyLoopback8080).hostname).toBe('127.0.0.1');
    }
    for (const url of [
      'http://2130706434:8080/',
      'http://localhost:8080/',
      'http://[::ffff:127.0.0.1]:8080/',
      'http://0.0.0.0:8080/',
    ]) {
      expect(() => checkUrlAllowed(url, onlyLoopback8080), url).toThrow(/allowedHosts/);
    }
  });

  it('ignores malformed allow-list entries instead of widening them', () => {
    expect(() =>
      checkUrlAllowed('https://example.com/', ['https://example.com/path', 'user@example.com']),
    ).toThrow(/allowedHosts/);
  });
});
