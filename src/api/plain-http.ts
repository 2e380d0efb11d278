// A key sent over plain http:// can be read by anyone on the way: a Wi-Fi neighbour, a proxy, the
// network of a cloud provider. On loopback there is no way, so the built-in server and SSH tunnels
// are fine; anywhere else the user is told, once a host.

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (also as IPv4-mapped): traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = host.replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/** What to tell the user before `apiKey` goes to `baseURL` unencrypted; null when it does not. */
export function plainHttpKeyWarning(baseURL: string, apiKey: string | null | undefined): string | null {
  if (!apiKey?.trim()) return null;
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  // Short enough for one line of an 80-column console with a long host.
  return `Key sent unencrypted to ${url.host} (plain http://): readable on the way — use https://`;
}

/** The warning once a host: a second connection to the same host in one session says nothing. */
export class PlainHttpWarnings {
  readonly #warned = new Set<string>();

  take(baseURL: string, apiKey: string | null | undefined): string | null {
    const warning = plainHttpKeyWarning(baseURL, apiKey);
    if (!warning) return null;
    const host = new URL(baseURL).host.toLowerCase();
    if (this.#warned.has(host)) return null;
    this.#warned.add(host);
    return warning;
  }
}
