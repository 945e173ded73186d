import { describe, expect, it } from "vitest";
import type { PolicyHumanMoment, PolicyPlace } from "../policy.ts";
import { type AlertEvent, matches, playbookDecision } from "./match.ts";
import { describePlaybook, type Playbook, ZPlaybookAction, ZPlaybookTrigger } from "./model.ts";
import { parsePlaybookBody, playbookMessage, playbookSlackMessage, playbookWebhookBody, ticketFor } from "./render.ts";
import { ZendeskTicketCreator, zendeskBaseUrl } from "./tickets.ts";

const NOW = Date.parse("2026-11-20T10:00:00Z");

const EVENT: AlertEvent = {
  id: "alt_1",
  title: "Repeat contacts surging at Delivery update",
  severity: "warning",
  reasons: [{ label: "Repeat contacts", detail: "14 in 7 days, 4× the usual" }],
  link: "https://app.example.com/alerts/alt_1",
  occurredAt: NOW,
  touchpoint: "Delivery update",
  kind: "repeat_surge",
  touchpointId: "tp_delivery",
  themeId: null,
  change: "opened",
};

const playbook = (overrides: Partial<Playbook> = {}): Playbook => ({
  id: "pbk_1",
  name: "Check in on repeat contacts",
  trigger: ZPlaybookTrigger.parse({ kinds: ["repeat_surge", "spike"] }),
  action: ZPlaybookAction.parse({ kind: "ticket", destinationId: "dst_zd", tags: ["check-in"], note: "Call them." }),
  customerFacing: false,
  enabled: true,
  ...overrides,
});

const MOMENT: PolicyHumanMoment = {
  touchpointId: "tp_delivery",
  key: "delivery",
  name: "Delivery update",
  journey: { id: "jrn_1", name: "Order" },
  stage: { id: "stg_1", name: "Fulfilment" },
  reason: "Late orders make people anxious; a person explains.",
  owner: "Dana (Support lead)",
  since: NOW,
  attributes: { sources: [], tags: [], intents: [], channels: [], surveyQuestions: [] },
};
const PLACE: PolicyPlace = {
  touchpoint: { id: "tp_delivery", name: "Delivery update" },
  matchedBy: { kind: "touchpointId", ruleId: null },
};

describe("the playbook model", () => {
  it("fills defaults: warning or worse, any touchpoint, on opened", () => {
    expect(ZPlaybookTrigger.parse({ kinds: ["spike"] })).toEqual({
      kinds: ["spike"],
      minSeverity: "warning",
      touchpointId: null,
      themeId: null,
      on: ["opened"],
    });
    expect(ZPlaybookAction.parse({ kind: "ticket", destinationId: "dst_1" })).toMatchObject({
      priority: "normal",
      tags: [],
    });
  });
  it("refuses an empty trigger, unknown kinds and bad tags", () => {
    expect(ZPlaybookTrigger.safeParse({ kinds: [] }).success).toBe(false);
    expect(ZPlaybookTrigger.safeParse({ kinds: ["nope"] }).success).toBe(false);
    expect(ZPlaybookAction.safeParse({ kind: "ticket", destinationId: "d", tags: ["a b"] }).success).toBe(false);
    expect(ZPlaybookAction.safeParse({ kind: "email", destinationId: "d" }).success).toBe(false);
  });
  it("reads as a sentence", () => {
    expect(describePlaybook(playbook(), { touchpoint: "Delivery update", destination: "Support desk" })).toBe(
      "When a Surge of repeat contacts or Spike alert (warning or worse) at “Delivery update” opens → open a Zendesk ticket via “Support desk”",
    );
    const both = playbook({
      trigger: ZPlaybookTrigger.parse({ kinds: ["spike"], on: ["opened", "worsened"], minSeverity: "critical" }),
    });
    expect(describePlaybook(both)).toBe("When a Spike alert (critical) opens or gets worse → open a Zendesk ticket");
    const escalation = playbook({ trigger: ZPlaybookTrigger.parse({ kinds: ["escalation"] }) });
    expect(describePlaybook(escalation)).toMatch(/^When an Escalation cue alert/);
  });
});

describe("matches", () => {
  it("matches on kind, severity, scope and change", () => {
    expect(matches(playbook(), EVENT)).toEqual({ matched: true });
    expect(matches(playbook(), { ...EVENT, severity: "critical" })).toEqual({ matched: true });
  });
  it("says which condition it misses", () => {
    expect(matches(playbook(), { ...EVENT, kind: "escalation" })).toMatchObject({
      matched: false,
      reason: "it does not react to escalation alerts",
    });
    expect(matches(playbook(), { ...EVENT, severity: "info" })).toMatchObject({
      reason: "the alert is info, below warning",
    });
    const scoped = playbook({ trigger: ZPlaybookTrigger.parse({ kinds: ["repeat_surge"], touchpointId: "tp_other" }) });
    expect(matches(scoped, EVENT)).toMatchObject({ reason: "the alert is about another touchpoint" });
    const themed = playbook({ trigger: ZPlaybookTrigger.parse({ kinds: ["repeat_surge"], themeId: "thm_1" }) });
    expect(matches(themed, EVENT)).toMatchObject({ reason: "the alert is about another recurring issue" });
    expect(matches(playbook(), { ...EVENT, change: "worsened" })).toMatchObject({
      reason: "it does not react to alerts that get worse",
    });
  });
});

describe("playbookDecision", () => {
  it("denies a customer-facing playbook at a human moment, naming the moment, its reason and owner", () => {
    const decision = playbookDecision(playbook({ customerFacing: true }), PLACE, MOMENT);
    expect(decision.decision).toBe("deny");
    expect(decision.reason).toContain("“Delivery update” (Order › Fulfilment) is a human moment");
    expect(decision.reason).toContain(MOMENT.reason);
    expect(decision.reason).toContain("Hand it to Dana (Support lead)");
  });
  it("allows an internal one there, and a customer-facing one elsewhere", () => {
    expect(playbookDecision(playbook(), PLACE, MOMENT).decision).toBe("allow");
    expect(playbookDecision(playbook({ customerFacing: true }), PLACE, null).decision).toBe("allow");
  });
});

describe("rendering", () => {
  const message = playbookMessage(playbook(), EVENT, "pbr_1");
  it("wraps the alert in a playbook.triggered body with its reasons and link", () => {
    const body = JSON.parse(playbookWebhookBody(message));
    expect(body).toMatchObject({
      type: "playbook.triggered",
      timestamp: "2026-11-20T10:00:00.000Z",
      data: {
        playbook: { id: "pbk_1", name: "Check in on repeat contacts", customerFacing: false },
        runId: "pbr_1",
        alert: { id: "alt_1", reasons: EVENT.reasons, link: EVENT.link, kind: "repeat_surge", change: "opened" },
      },
    });
    expect(body.data.alert).not.toHaveProperty("touchpointId");
    expect(parsePlaybookBody(playbookWebhookBody(message))).toEqual(message);
    expect(parsePlaybookBody(JSON.stringify({ type: "alert.triggered", data: {} }))).toBeUndefined();
  });
  it("renders Slack with the playbook named and the note, the link button last", () => {
    const slack = playbookSlackMessage({ ...message, action: { ...message.action, note: "Call <them>" } });
    const text = JSON.stringify(slack.blocks);
    expect(text).toContain("Playbook: *Check in on repeat contacts*");
    expect(text).toContain("Call &lt;them&gt;");
    expect(slack.blocks.at(-1)).toMatchObject({ type: "actions" });
  });
  it("renders a ticket with the note, reasons, link and tags", () => {
    const ticket = ticketFor(message);
    expect(ticket.subject).toBe("[Firebreak warning] Repeat contacts surging at Delivery update");
    expect(ticket.body.split("\n")[0]).toBe("Call them.");
    expect(ticket.body).toContain("- Repeat contacts: 14 in 7 days, 4× the usual");
    expect(ticket.body).toContain(`Open in Firebreak: ${EVENT.link}`);
    expect(ticket.tags).toEqual(["firebreak", "check-in"]);
    expect(ticket.priority).toBe("normal");
  });
});

describe("ZendeskTicketCreator", () => {
  const ticket = ticketFor(playbookMessage(playbook(), EVENT, "pbr_1"));
  it("posts the ticket with basic auth email/token:apiToken", async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const creator = new ZendeskTicketCreator(
      zendeskBaseUrl("Acme"),
      { email: "agent@acme.test", apiToken: "tok123" },
      async (url, init) => {
        seen.push({ url, init });
        return Response.json({ ticket: { id: 42 } }, { status: 201 });
      },
    );
    const attempt = await creator.create(ticket, {});
    expect(attempt).toEqual({ result: { kind: "response", status: 201, retryAfter: null }, ticketId: "42" });
    expect(seen[0]?.url).toBe("https://acme.zendesk.com/api/v2/tickets.json");
    const headers = seen[0]?.init?.headers as Record<string, string>;
    expect(atob(headers.authorization?.replace("Basic ", "") ?? "")).toBe("agent@acme.test/token:tok123");
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({
      ticket: {
        subject: ticket.subject,
        comment: { body: ticket.body, public: false },
        tags: ["firebreak", "check-in"],
        priority: "normal",
      },
    });
  });
  it("reports a refusal with its status and Retry-After", async () => {
    const creator = new ZendeskTicketCreator(
      "https://acme.zendesk.com",
      { email: "a@b.c", apiToken: "x" },
      async () => new Response("slow down", { status: 429, headers: { "retry-after": "60" } }),
    );
    expect(await creator.create(ticket, {})).toEqual({
      result: { kind: "response", status: 429, retryAfter: "60" },
      error: "Zendesk answered HTTP 429",
    });
  });
});
