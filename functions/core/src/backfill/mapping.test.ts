import { describe, expect, it } from "vitest";
import { mapRow, ZColumnMapping } from "./mapping.ts";
import { detectPreset, PRESETS } from "./presets.ts";

const FALLBACK = Date.UTC(2026, 10, 20);

describe("detectPreset", () => {
  it.each([
    [["Id", "Subject", "Description", "Status", "Satisfaction Score", "Tags", "Created at"], "zendesk"],
    [["Ticket ID", "Subject", "Description", "Status", "Created time", "Email"], "freshdesk"],
    [["Conversation ID", "Conversation rating", "Conversation rating remark", "User email"], "intercom"],
    [["id", "comment"], undefined],
  ])("recognises %j", (headers, preset) => {
    expect(detectPreset(headers)).toBe(preset);
  });
});

describe("mapRow", () => {
  it("keeps Zendesk tickets whose rating was only offered, without a score", () => {
    for (const word of ["Offered", "Unoffered"]) {
      const row = { Id: `7-${word}`, Description: "Where is my parcel?", "Satisfaction Score": word };
      const result = mapRow(row, PRESETS.zendesk, FALLBACK);
      expect(result.ok && result.feedback.score).toBeUndefined();
      expect(result.ok && result.feedback.text).toBe("Where is my parcel?");
    }
    expect(mapRow({ Id: "8", Description: "x", "Satisfaction Score": "maybe" }, PRESETS.zendesk, FALLBACK)).toEqual({
      ok: false,
      reason: expect.stringContaining("not a number"),
    });
  });

  it("maps a Zendesk export row, reading Good/Bad satisfaction as a thumbs score", () => {
    const row = {
      Id: "104233",
      Subject: "Refund?",
      Description: "Still no refund 😤",
      "Satisfaction Score": "Bad, I'm unsatisfied",
      "Created at": "2026-10-03 09:14:55",
      Tags: "refund vip",
      Status: "Solved",
      Via: "Web form",
    };
    const result = mapRow(row, PRESETS.zendesk, FALLBACK);
    expect(result).toEqual({
      ok: true,
      feedback: expect.objectContaining({
        externalId: "104233",
        title: "Refund?",
        text: "Still no refund 😤",
        score: 0,
        scale: "thumbs",
        occurredAt: Date.UTC(2026, 9, 3, 9, 14, 55),
        tags: ["refund", "vip"],
        status: "solved",
        channel: "web form",
        kind: "ticket",
      }),
    });
  });

  it("keeps a score of 0 and takes the fallback time when the date is unusable", () => {
    const mapping = ZColumnMapping.parse({
      columns: { externalId: "id", text: "comment", score: "nps", occurredAt: "at" },
      scale: "nps",
      kind: "survey",
    });
    const result = mapRow({ id: 7, comment: "", nps: "0", at: "last tuesday" }, mapping, FALLBACK);
    expect(result).toMatchObject({
      ok: true,
      feedback: { externalId: "7", score: 0, scale: "nps", occurredAt: FALLBACK },
    });
  });

  it.each([
    [{ comment: "x" }, /missing id/],
    [{ id: "1" }, /neither text nor a score/],
    [{ id: "1", nps: "ten" }, /not a number/],
  ])("refuses %j with a reason", (row, reason) => {
    const mapping = ZColumnMapping.parse({
      columns: { externalId: "id", text: "comment", score: "nps" },
      scale: "nps",
    });
    const result = mapRow(row, mapping, FALLBACK);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("mapRow handled by", () => {
  const mapping = ZColumnMapping.parse({
    columns: { externalId: "Id", text: "Text", tags: "Tags", handledBy: "Handled by" },
  });

  it("reads a handled-by column, and the tags when there is none", () => {
    const row = (handled: string | undefined, tags = "") => {
      const result = mapRow({ Id: "1", Text: "Refund?", Tags: tags, "Handled by": handled }, mapping, FALLBACK);
      return result.ok ? result.feedback.handledBy : result;
    };
    expect(row("Answer Bot")).toEqual({ kind: "bot", evidence: "Import: Handled by = 'Answer Bot'" });
    expect(row("human", "auto_reply")).toBeUndefined();
    expect(row(undefined, "refund, auto_reply")).toEqual({ kind: "automation", evidence: "Import: tag 'auto_reply'" });
    expect(row("Mette")).toEqual({ ok: false, reason: expect.stringContaining('column "Handled by"') });
  });
});
