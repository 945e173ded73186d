import { describe, expect, it } from "vitest";
import { automationTagsFor, DEFAULT_AUTOMATION_TAGS, detectAutomation, handledByValue, tagKind } from "./automation.ts";

describe("detectAutomation", () => {
  it("words the adapter's clues and the tags as one piece of evidence, naming the most direct kind", () => {
    expect(
      detectAutomation({
        provider: "Zendesk",
        clues: [{ kind: "automation", evidence: "via.channel = api" }],
        tags: ["refund", "macro_refund_auto_reply"],
      }),
    ).toEqual({ kind: "macro", evidence: "Zendesk: via.channel = api, tag 'macro_refund_auto_reply'" });
    expect(
      detectAutomation({
        provider: "Intercom",
        clues: [
          { kind: "bot", evidence: "last reply authored by a bot (Fin)" },
          { kind: "automation", evidence: "a workflow ran" },
        ],
      }),
    ).toEqual({ kind: "bot", evidence: "Intercom: last reply authored by a bot (Fin), a workflow ran" });
  });

  it("finds nothing without clues or automation tags", () => {
    expect(
      detectAutomation({ provider: "Zendesk", tags: ["refund", "vip", "robotics", "bottle", "macroeconomics"] }),
    ).toBeUndefined();
    expect(detectAutomation({ provider: "Zendesk" })).toBeUndefined();
  });

  it("names at most three tags and keeps the evidence short", () => {
    const handled = detectAutomation({
      provider: "Front",
      tags: ["bot", "chatbot", "ai-agent", "auto_reply", "macro"],
    });
    expect(handled).toEqual({ kind: "bot", evidence: "Front: tags 'bot', 'chatbot', 'ai-agent' and 2 more" });
    const long = detectAutomation({ provider: "X", clues: [{ kind: "bot", evidence: "y".repeat(600) }] });
    expect(long?.evidence.length).toBe(300);
    expect(long?.evidence.endsWith("…")).toBe(true);
  });
});

describe("tagKind", () => {
  it.each([
    ["bot", "bot"],
    ["zendesk_bot", "bot"],
    ["Fin AI Agent", "bot"],
    ["answer-bot-resolved", "bot"],
    ["chatbot", "bot"],
    ["macro_refund", "macro"],
    ["Canned response", "macro"],
    ["auto-reply", "automation"],
    ["AUTO_REPLY_SENT", "automation"],
    ["autoclose", "automation"],
    ["automation", "automation"],
    ["robot", undefined],
    ["reply", undefined],
    ["aiagentur", undefined],
  ])("%s → %s", (tag, kind) => {
    expect(tagKind(tag)).toBe(kind);
  });
});

describe("automationTagsFor", () => {
  it("adds a source's own keywords to the defaults, with a kind or as automation", () => {
    const tags = automationTagsFor({ automationTags: "fin_handoff=bot, Sweeper, refund_template=macro, x=robot" });
    expect(tagKind("fin_handoff", tags)).toBe("bot");
    expect(tagKind("sweeper", tags)).toBe("automation");
    expect(tagKind("refund_template", tags)).toBe("macro");
    expect(tagKind("x", tags)).toBe("automation");
    expect(tagKind("macro", tags)).toBe("macro");
    expect(automationTagsFor({})).toBe(DEFAULT_AUTOMATION_TAGS);
    expect(automationTagsFor({ automationTags: 7 })).toBe(DEFAULT_AUTOMATION_TAGS);
  });
});

describe("handledByValue", () => {
  it("reads a sender's own field: a kind, a name, or a person", () => {
    expect(handledByValue("Import", "Handled by", "Bot")).toEqual({
      kind: "bot",
      evidence: "Import: Handled by = 'Bot'",
    });
    expect(handledByValue("Webhook", "handledBy", "Macro: Refund auto-reply")).toMatchObject({ kind: "macro" });
    expect(handledByValue("Webhook", "handledBy", "human")).toBeNull();
    expect(handledByValue("Webhook", "handledBy", "Agent")).toBeNull();
    expect(handledByValue("Webhook", "handledBy", "Mette")).toBeUndefined();
  });
});
