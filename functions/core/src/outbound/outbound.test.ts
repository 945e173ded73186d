import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  ALERT_EVENTS,
  ALERT_TEST_EVENT,
  alertEmail,
  alertWebhookBody,
  type OutboundAlert,
  testAlert,
} from "./alert.ts";
import { loopbackAllowed } from "./destination.ts";
import { backoffMs, isRetryable, nextStep, OUTBOUND_BACKOFF_MS, OUTBOUND_MAX_ATTEMPTS } from "./retry.ts";
import { generateWebhookSecret } from "./secret.ts";
import { slackMessage } from "./slack.ts";
import { signOutbound } from "./standard-webhooks.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const ALERT: OutboundAlert = {
  id: "alr_1",
  title: "Refund requests spiking at Checkout",
  severity: "critical",
  reasons: [
    { label: "Volume", detail: "42 items in 1 h, 5× the usual <3>" },
    { label: "Sentiment", detail: "Average −0.6 & falling" },
  ],
  link: "https://app.example.com/alerts/alr_1",
  occurredAt: NOW,
  touchpoint: "Checkout",
  theme: "Refunds",
};

describe("signOutbound", () => {
  it("signs so the standardwebhooks library verifies it, and a changed body fails", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = alertWebhookBody(ALERT);
    const headers = signOutbound(secret, "msg_1", NOW, body);
    expect(headers["webhook-id"]).toBe("msg_1");
    expect(headers["webhook-timestamp"]).toBe(String(NOW / 1000));
    const receiver = new Webhook(secret);
    // verify checks the timestamp against the real clock, so sign at the current time for it.
    const fresh = signOutbound(secret, "msg_2", Date.now(), body);
    expect(receiver.verify(body, { ...fresh })).toMatchObject({ type: "alert.triggered", data: { id: "alr_1" } });
    expect(() => receiver.verify(`${body} `, { ...fresh })).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...fresh })).toThrow();
  });
});

describe("slackMessage", () => {
  it("renders title, severity, place, escaped reasons and a link button", () => {
    const message = slackMessage(ALERT);
    expect(message.text).toBe("[critical] Refund requests spiking at Checkout");
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: ALERT.title, emoji: true },
    });
    const context = JSON.stringify(message.blocks[1]);
    expect(context).toContain("Critical");
    expect(context).toContain("Touchpoint: Checkout");
    expect(context).toContain("Theme: Refunds");
    expect(message.blocks[2]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "*Why flagged*\n• *Volume*: 42 items in 1 h, 5× the usual &lt;3&gt;\n• *Sentiment*: Average −0.6 &amp; falling",
      },
    });
    expect(JSON.stringify(message.blocks[3])).toContain(ALERT.link);
  });

  it("clips a long title to Slack's header limit", () => {
    const message = slackMessage({ ...ALERT, title: "x".repeat(400), reasons: [], touchpoint: null, theme: null });
    expect((message.blocks[0] as { text: { text: string } }).text.text).toHaveLength(150);
    expect(JSON.stringify(message.blocks[2])).toContain("No details recorded.");
  });
});

describe("alertEmail", () => {
  it("lists the reasons and the link", () => {
    const email = alertEmail(ALERT, "ops@example.com");
    expect(email.subject).toBe("[Firebreak critical] Refund requests spiking at Checkout");
    expect(email.text).toContain("- Volume: 42 items in 1 h");
    expect(email.text).toContain(`Open in Firebreak: ${ALERT.link}`);
  });
});

describe("retry schedule", () => {
  it("backs off 30 s, 2 min, 10 min, 1 h, 6 h within ±20%", () => {
    expect(OUTBOUND_MAX_ATTEMPTS).toBe(6);
    OUTBOUND_BACKOFF_MS.forEach((base, i) => {
      expect(backoffMs(i + 1, () => 0)).toBe(base * 0.8);
      expect(backoffMs(i + 1, () => 0.5)).toBe(base);
      expect(backoffMs(i + 1, () => 0.999999)).toBeLessThanOrEqual(base * 1.2);
    });
  });

  it("retries 5xx, 429, 408, network errors and timeouts; other 4xx and 3xx are final", () => {
    for (const status of [500, 502, 503, 429, 408])
      expect(isRetryable({ kind: "response", status }), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 410, 301, 302])
      expect(isRetryable({ kind: "response", status }), String(status)).toBe(false);
    expect(isRetryable({ kind: "network_error" })).toBe(true);
    expect(isRetryable({ kind: "timeout" })).toBe(true);
  });

  it("decides each step: delivered, retry later, or failed for good", () => {
    const half = () => 0.5;
    expect(nextStep(1, { kind: "response", status: 204 }, NOW, half)).toEqual({ final: true, delivered: true });
    expect(nextStep(1, { kind: "response", status: 404 }, NOW, half)).toEqual({ final: true, delivered: false });
    expect(nextStep(1, { kind: "response", status: 500 }, NOW, half)).toEqual({ final: false, retryInMs: 30_000 });
    expect(nextStep(2, { kind: "timeout" }, NOW, half)).toEqual({ final: false, retryInMs: 120_000 });
    expect(nextStep(OUTBOUND_MAX_ATTEMPTS, { kind: "response", status: 503 }, NOW, half)).toEqual({
      final: true,
      delivered: false,
    });
  });

  it("honours a longer Retry-After on a 429, in seconds or as a date, capped at a day", () => {
    const half = () => 0.5;
    expect(nextStep(1, { kind: "response", status: 429, retryAfter: "300" }, NOW, half)).toEqual({
      final: false,
      retryInMs: 300_000,
    });
    expect(nextStep(1, { kind: "response", status: 429, retryAfter: "5" }, NOW, half)).toEqual({
      final: false,
      retryInMs: 30_000,
    });
    const date = new Date(NOW + 3_600_000).toUTCString();
    expect(nextStep(1, { kind: "response", status: 429, retryAfter: date }, NOW, half)).toEqual({
      final: false,
      retryInMs: 3_600_000,
    });
    expect(nextStep(1, { kind: "response", status: 429, retryAfter: "9999999" }, NOW, half)).toEqual({
      final: false,
      retryInMs: 86_400_000,
    });
    expect(nextStep(1, { kind: "response", status: 429, retryAfter: "soon" }, NOW, half)).toEqual({
      final: false,
      retryInMs: 30_000,
    });
  });
});

describe("a test alert", () => {
  it("is typed alert.test, says it is a test, and links where it was sent from", () => {
    const link = "https://app.example.com/settings/destinations/dst_1";
    const body = JSON.parse(alertWebhookBody(testAlert("test_1", link, NOW), ALERT_TEST_EVENT));
    expect(body).toMatchObject({ type: "alert.test", data: { id: "test_1", severity: "info", link } });
    expect(body.data.title).toMatch(/^Test alert/);
    expect(ALERT_EVENTS).toContain(body.type);
    expect(slackMessage(body.data).text).toContain("Test alert");
  });
});

describe("loopbackAllowed", () => {
  it("is on only when asked for, and never in production", () => {
    expect(loopbackAllowed({})).toBe(false);
    expect(loopbackAllowed({ OUTBOUND_ALLOW_LOOPBACK: "on" })).toBe(true);
    expect(loopbackAllowed({ OUTBOUND_ALLOW_LOOPBACK: "on", ENVIRONMENT: "development" })).toBe(true);
    expect(loopbackAllowed({ OUTBOUND_ALLOW_LOOPBACK: "on", ENVIRONMENT: "production" })).toBe(false);
    expect(loopbackAllowed({ OUTBOUND_ALLOW_LOOPBACK: "off" })).toBe(false);
  });
});
