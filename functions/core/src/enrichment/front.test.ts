import { describe, expect, it } from "vitest";
import { fakeFetch, frontConversation, frontMessages } from "./fixtures.ts";
import { frontClient, htmlToText } from "./front.ts";

const TOKEN = "front-api-token-eyJhbGciOi";
const CONVERSATION_URL = "https://api2.frontapp.com/conversations/cnv_yo1kg5q";
const MESSAGES_URL = "https://api2.frontapp.com/conversations/cnv_yo1kg5q/messages?limit=100";
const MESSAGE_URL = "https://api2.frontapp.com/messages/msg_1q15qmtq";
const REFERENCE = { externalId: "msg_1q15qmtq", parentExternalId: "cnv_yo1kg5q", kind: "message" as const };

describe("front enrichment: happy path", () => {
  it("fetches the conversation and its messages and maps the full message", async () => {
    const { fetch, seen } = fakeFetch({ [CONVERSATION_URL]: frontConversation, [MESSAGES_URL]: frontMessages });
    const result = await frontClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE);

    expect(seen.map((r) => r.url)).toEqual([CONVERSATION_URL, MESSAGES_URL]);
    expect(seen.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(result).toEqual({
      kind: "enriched",
      details: {
        text: frontMessages._results[1]!.text,
        title: "Pakken er ikke kommet 📦",
        status: "assigned",
        tags: ["levering", "vip", "escalated"],
        customerEmail: "mette.sørensen@example.dk",
        customerId: "crd_2e3f4a",
        occurredAt: 1_763_632_679_900,
      },
    });
  });

  it("follows pagination on Front's host only, then reads the message directly", async () => {
    const page1 = {
      _pagination: { next: "https://api2.frontapp.com/conversations/cnv_yo1kg5q/messages?page_token=p2" },
      _results: [frontMessages._results[0]],
    };
    const page2 = { _pagination: { next: "https://attacker.example/steal" }, _results: [] };
    const { fetch, seen } = fakeFetch({
      [CONVERSATION_URL]: frontConversation,
      [MESSAGES_URL]: page1,
      "https://api2.frontapp.com/conversations/cnv_yo1kg5q/messages?page_token=p2": page2,
      [MESSAGE_URL]: frontMessages._results[1]!,
    });
    const result = await frontClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE);
    expect(result.kind).toBe("enriched");
    expect(seen.map((r) => r.url)).not.toContain("https://attacker.example/steal");
    expect(seen.at(-1)?.url).toBe(MESSAGE_URL);
  });

  it("falls back to the HTML body, then to the blurb", async () => {
    const { text: _text, ...htmlOnly } = frontMessages._results[1]!;
    const { fetch } = fakeFetch({ [MESSAGE_URL]: htmlOnly });
    const result = await frontClient({ fetch, credential: TOKEN }).fetchDetails({
      ...REFERENCE,
      parentExternalId: undefined,
    });
    expect(result).toMatchObject({
      kind: "enriched",
      details: { text: expect.stringContaining('Sporingen siger "leveret"'), title: undefined },
    });
    expect(htmlToText("<p>a &amp; b</p><p>c</p>")).toBe("a & b\nc");
  });
});

describe("front enrichment: errors", () => {
  it("classifies a refused token, a deleted conversation and rate limits", async () => {
    for (const [status, kind] of [
      [401, "credential"],
      [404, "gone"],
      [429, "retry"],
    ] as const) {
      const { fetch } = fakeFetch({
        [CONVERSATION_URL]: new Response("{}", { status, headers: { "retry-after": "7" } }),
      });
      const result = await frontClient({ fetch, credential: TOKEN }).fetchDetails(REFERENCE);
      expect(result.kind, String(status)).toBe(kind);
      if (status === 429) expect(result).toMatchObject({ rateLimited: true, retryAfterMs: 7000 });
    }
  });
});
