/**
 * The SSRF guard for outbound destinations: whether a URL may receive Firebreak's alerts. Only public https targets
 * pass; private, loopback, link-local, CGNAT, unique-local, multicast and unspecified addresses, internal-only names
 * and URLs with credentials are refused. It judges the URL as `new URL` normalises it, so every spelling of an IPv4
 * address (decimal, octal, hex, short forms) and of an IPv6 one (including IPv4-mapped) is checked as the address it
 * names. Names are not resolved here: a Worker's `fetch` leaves through Cloudflare's network, which cannot reach a
 * private network, and the sender never follows redirects, so a public name is the last word we need.
 * @module
 */

export interface TargetOptions {
  /**
   * Development only: also allow http and https to loopback (`127.0.0.0/8`, `[::1]`, `localhost`), so a local
   * receiver can be tried. Never any other private range.
   */
  allowLoopback?: boolean;
}

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** IPv4 ranges that are never a public receiver, as [network, prefix length]. */
const V4_RANGES: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata lives here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
];
const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan"];

function parseV4(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

function inV4Range(address: number, [base, prefix]: readonly [string, number]): boolean {
  const start = parseV4(base) ?? 0;
  const size = 2 ** (32 - prefix);
  return address >= start && address < start + size;
}

function isBlockedV4(address: number, allowLoopback: boolean): string | undefined {
  const range = V4_RANGES.find((r) => inV4Range(address, r));
  if (!range) return undefined;
  if (allowLoopback && range[0] === "127.0.0.0") return undefined;
  return `address in ${range[0]}/${range[1]} is not public`;
}

/** The eight 16-bit groups of an IPv6 address (without brackets), or `undefined` when it is not one. */
export function parseV6(text: string): number[] | undefined {
  let host = text;
  const tail: number[] = [];
  // A dotted IPv4 tail (`::ffff:127.0.0.1`); `new URL` rewrites it to hex, but accept both.
  const dotted = host.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted?.[1] && dotted[2]) {
    const v4 = parseV4(dotted[2]);
    if (v4 === undefined) return undefined;
    tail.push(Math.floor(v4 / 65536), v4 % 65536);
    host = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const halves = host.split("::");
  if (halves.length > 2) return undefined;
  const group = (s: string) => (s === "" ? [] : s.split(":"));
  const head = group(halves[0] ?? "");
  const rest = halves.length === 2 ? group(halves[1] ?? "") : [];
  const words = [...head, ...rest];
  if (!words.every((w) => /^[0-9a-f]{1,4}$/i.test(w))) return undefined;
  const missing = 8 - words.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const fill = halves.length === 2 ? Array<number>(missing).fill(0) : [];
  return [...head.map((w) => Number.parseInt(w, 16)), ...fill, ...rest.map((w) => Number.parseInt(w, 16)), ...tail];
}

function isBlockedV6(g: number[], allowLoopback: boolean): string | undefined {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g6 = 0, h = 0] = g;
  const embedded = g6 * 65536 + h;
  const zeroHead = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (zeroHead && f === 0 && g6 === 0 && h === 0) return "the unspecified address is not a receiver";
  if (zeroHead && f === 0 && g6 === 0 && h === 1)
    return allowLoopback ? undefined : "loopback address [::1] is not public";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d): judge the IPv4 inside.
  if (zeroHead && (f === 0xffff || f === 0)) return isBlockedV4(embedded, allowLoopback);
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return isBlockedV4(embedded, false);
  // 6to4 (2002:a.b.c.d::) carries an IPv4 address in the second and third groups.
  if (a === 0x2002) return isBlockedV4(b * 65536 + c, false);
  if ((a & 0xfe00) === 0xfc00) return "unique-local address (fc00::/7) is not public";
  if ((a & 0xffc0) === 0xfe80) return "link-local address (fe80::/10) is not public";
  if ((a & 0xffc0) === 0xfec0) return "site-local address (fec0::/10) is not public";
  if ((a & 0xff00) === 0xff00) return "multicast address (ff00::/8) is not public";
  if (a === 0x2001 && b === 0x0db8) return "documentation address (2001:db8::/32) is not public";
  if (zeroHead) return "reserved IPv6 address is not public";
  return undefined;
}

function isLoopbackName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/**
 * Checks a destination URL. With `allowLoopback` (development only), loopback targets pass over http or https; all
 * other rules still apply.
 */
export function checkTarget(raw: string, options: TargetOptions = {}): TargetCheck {
  const allowLoopback = options.allowLoopback === true;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL are not allowed" };
  // `new URL` lowercases and normalises; a trailing dot names the same host, so drop it before comparing.
  const host = url.hostname.replace(/\.$/, "");
  const bracketed = host.startsWith("[") && host.endsWith("]");
  const v6 = bracketed ? parseV6(host.slice(1, -1)) : undefined;
  const v4 = bracketed ? undefined : parseV4(host);
  const loopback =
    isLoopbackName(host) ||
    (v4 !== undefined && Math.floor(v4 / 2 ** 24) === 127) ||
    (v6 && v6.join() === "0,0,0,0,0,0,0,1");
  if (url.protocol !== "https:" && !(allowLoopback && loopback && url.protocol === "http:"))
    return { ok: false, reason: "only https URLs are allowed" };
  if (bracketed) {
    if (!v6) return { ok: false, reason: "not a valid IPv6 address" };
    const blocked = isBlockedV6(v6, allowLoopback);
    return blocked ? { ok: false, reason: blocked } : { ok: true, url };
  }
  if (v4 !== undefined) {
    const blocked = isBlockedV4(v4, allowLoopback);
    return blocked ? { ok: false, reason: blocked } : { ok: true, url };
  }
  if (isLoopbackName(host)) return allowLoopback ? { ok: true, url } : { ok: false, reason: "localhost is not public" };
  if (INTERNAL_SUFFIXES.some((s) => host.endsWith(s)) || host === "local" || host === "internal")
    return { ok: false, reason: "internal host names are not public" };
  // A single label resolves only through a private search domain.
  if (!host.includes(".")) return { ok: false, reason: "the host name must be a public domain" };
  return { ok: true, url };
}
