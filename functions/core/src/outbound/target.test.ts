import { describe, expect, it } from "vitest";
import { checkTarget, parseV6 } from "./target.ts";

const refused = [
  // scheme, credentials, names
  "http://hooks.example.com/x",
  "ftp://hooks.example.com/x",
  "javascript:alert(1)",
  "not a url",
  "https://user:pass@hooks.example.com/x",
  "https://user@hooks.example.com/x",
  "https://localhost/x",
  "https://LOCALHOST./x",
  "https://api.localhost/x",
  "https://printer.local/x",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://intranet/x",
  // IPv4 in every range and spelling
  "https://127.0.0.1/x",
  "https://127.1/x",
  "https://2130706433/x",
  "https://0x7f000001/x",
  "https://0177.0.0.1/x",
  "https://0x7f.0.0.1/x",
  "https://10.0.0.5/x",
  "https://012.0.0.5/x",
  "https://172.16.0.1/x",
  "https://172.31.255.255/x",
  "https://192.168.1.1/x",
  "https://169.254.169.254/latest/meta-data/",
  "https://100.64.0.1/x",
  "https://100.127.255.255/x",
  "https://0.0.0.0/x",
  "https://0/x",
  "https://224.0.0.1/x",
  "https://239.255.255.250/x",
  "https://255.255.255.255/x",
  // IPv6, including IPv4 inside it
  "https://[::1]/x",
  "https://[0:0:0:0:0:0:0:1]/x",
  "https://[::]/x",
  "https://[fe80::1]/x",
  "https://[fc00::1]/x",
  "https://[fd12:3456::1]/x",
  "https://[ff02::1]/x",
  "https://[::ffff:127.0.0.1]/x",
  "https://[::ffff:7f00:1]/x",
  "https://[::ffff:10.1.2.3]/x",
  "https://[::ffff:169.254.169.254]/x",
  "https://[::127.0.0.1]/x",
  "https://[64:ff9b::a9fe:a9fe]/x",
  "https://[2002:c0a8:101::1]/x",
];

const allowed = [
  "https://hooks.slack.com/services/T000/B000/XXXX",
  "https://example.com:8443/webhooks/firebreak",
  "https://8.8.8.8/x",
  "https://172.32.0.1/x",
  "https://100.128.0.1/x",
  "https://192.169.0.1/x",
  "https://[2606:4700:4700::1111]/x",
  "https://[::ffff:8.8.8.8]/x",
  "https://localhost.example.com/x",
  "https://local.example.com/x",
];

describe("checkTarget", () => {
  it.each(refused)("refuses %s", (url) => {
    const result = checkTarget(url);
    expect(result.ok).toBe(false);
  });

  it.each(allowed)("allows %s", (url) => {
    expect(checkTarget(url)).toMatchObject({ ok: true });
  });

  it("refuses loopback even with the development flag off, and says why", () => {
    expect(checkTarget("http://127.0.0.1:9999/hook")).toEqual({ ok: false, reason: "only https URLs are allowed" });
    expect(checkTarget("https://127.0.0.1:9999/hook")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("127.0.0.0/8"),
    });
  });

  it("with the development flag, allows loopback over http and https, and nothing else private", () => {
    const dev = { allowLoopback: true };
    for (const url of [
      "http://127.0.0.1:9999/hook",
      "http://localhost:8787/x",
      "https://[::1]:9000/x",
      "http://app.localhost/x",
    ])
      expect(checkTarget(url, dev), url).toMatchObject({ ok: true });
    for (const url of [
      "http://10.0.0.1/x",
      "https://192.168.0.1/x",
      "http://example.com/x",
      "https://169.254.169.254/x",
      "http://[fe80::1]/x",
      "https://u:p@localhost/x",
    ])
      expect(checkTarget(url, dev), url).toMatchObject({ ok: false });
  });

  it("returns the normalised URL", () => {
    const result = checkTarget("HTTPS://Hooks.Example.COM:443/a");
    expect(result.ok && result.url.href).toBe("https://hooks.example.com/a");
  });
});

describe("parseV6", () => {
  it("expands compressed forms and IPv4 tails", () => {
    expect(parseV6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseV6("fe80::")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseV6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseV6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("rejects what is not an address", () => {
    for (const bad of ["1::2::3", "1:2:3", "12345::", "g::1", "1:2:3:4:5:6:7:8:9"])
      expect(parseV6(bad), bad).toBeUndefined();
  });
});
