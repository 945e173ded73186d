import { describe, expect, it } from "vitest";
import { customerKeyHash } from "./crypto.ts";
import { toBase64Url } from "./ids.ts";

const SECRETS_KEY = btoa("k".repeat(32));

/** The definition: HMAC-SHA256 keyed with `secretsKey:workspaceId` over the trimmed, lower-cased identifier. */
async function webCryptoHash(workspaceId: string, identifier: string) {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(`${SECRETS_KEY}:${workspaceId}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(identifier.trim().toLowerCase()));
  return toBase64Url(new Uint8Array(mac));
}

describe("customerKeyHash", () => {
  it("is exactly WebCrypto's HMAC-SHA256, so hashes stored before the switch still match", async () => {
    for (const identifier of ["anna@example.com", " Anna@Example.com ", "email:ø@æ.dk", "12345", "😀"]) {
      expect(customerKeyHash(SECRETS_KEY, "ws_a", identifier)).toBe(await webCryptoHash("ws_a", identifier));
    }
  });

  it("differs per workspace and ignores case and surrounding space", () => {
    const a = customerKeyHash(SECRETS_KEY, "ws_a", "anna@example.com");
    expect(customerKeyHash(SECRETS_KEY, "ws_b", "anna@example.com")).not.toBe(a);
    expect(customerKeyHash(SECRETS_KEY, "ws_a", "  ANNA@example.COM")).toBe(a);
    // The keyed state is reused, not consumed: the same input hashes the same twice in a row.
    expect(customerKeyHash(SECRETS_KEY, "ws_a", "anna@example.com")).toBe(a);
  });
});
