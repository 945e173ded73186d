import { createAnalysisContext } from "@firebreak/core/analysis/analyze";
import { PRESETS } from "@firebreak/core/backfill/presets";
import { describe, expect, it } from "vitest";
import {
  alignToHeaders,
  guessColumns,
  guessScale,
  missingColumns,
  type PreviewContext,
  previewRows,
  suggestMapping,
} from "../../apps/web/src/lib/server/import-preview.ts";

const NOW = Date.UTC(2026, 10, 23, 12);
const context: PreviewContext = {
  analysis: {
    ...createAnalysisContext({
      languages: ["en", "da", "de"],
      touchpoints: [{ id: "tp_1", key: "delivery-tracking" }],
    }),
    defaultTouchpointId: "tp_1",
  },
  touchpointKeys: new Map([["tp_1", "delivery-tracking"]]),
  secretsKey: btoa("firebreak-test-key-32-bytes-long"),
  workspaceId: "ws_test",
  now: NOW,
};

const ZENDESK_HEADERS = [
  "Id",
  "Subject",
  "Description",
  "Status",
  "Satisfaction Score",
  "Requester email",
  "Created at",
];

describe("suggestMapping", () => {
  it("detects a Zendesk export and points the preset at the file's own spelling of each column", () => {
    const headers = ["id", "SUBJECT", "description", "Satisfaction Score", "Created at"];
    const { preset, mapping } = suggestMapping(headers, []);
    expect(preset).toBe("zendesk");
    expect(mapping.columns).toEqual({
      externalId: "id",
      title: "SUBJECT",
      text: "description",
      score: "Satisfaction Score",
      occurredAt: "Created at",
    });
    expect(mapping.scale).toBe("thumbs");
    expect(mapping.scoreWords).toMatchObject({ good: 1, bad: 0 });
  });

  it("guesses a mapping and a scale for a file that matches no export", () => {
    const headers = ["Response ID", "Comment", "NPS", "Submitted At", "E-mail"];
    const { preset, mapping } = suggestMapping(headers, [{ NPS: "9" }, { NPS: "3" }, { NPS: "10" }]);
    expect(preset).toBeNull();
    expect(mapping.columns).toEqual({
      externalId: "Response ID",
      text: "Comment",
      score: "NPS",
      occurredAt: "Submitted At",
      customerEmail: "E-mail",
    });
    expect(mapping.scale).toBe("nps");
  });
});

describe("guessColumns / guessScale / alignToHeaders / missingColumns", () => {
  it("uses each column once", () => {
    expect(guessColumns(["id", "text"])).toEqual({ externalId: "id", text: "text" });
    expect(guessColumns(["Ticket ID", "Body", "Body"])).toEqual({ externalId: "Ticket ID", text: "Body" });
  });

  it("reads the scale from sample scores", () => {
    expect(guessScale(["0", "1", 1])).toBe("thumbs");
    expect(guessScale(["1", "5", "3"])).toBe("csat5");
    expect(guessScale(["2", "7"])).toBe("ces7");
    expect(guessScale(["0", "9"])).toBe("nps");
    expect(guessScale(["4,5", "n/a", ""])).toBe("none");
    expect(guessScale([])).toBe("none");
  });

  it("leaves columns the file does not have as they are, and lists them", () => {
    const aligned = alignToHeaders(PRESETS.zendesk, ["ID", "Description"]);
    expect(aligned.columns.externalId).toBe("ID");
    expect(aligned.columns.status).toBe("Status");
    expect(missingColumns(aligned, ["ID", "Description"])).toContain("Status");
    expect(missingColumns(aligned, ["ID", "Description"])).not.toContain("ID");
  });
});

describe("previewRows", () => {
  it("shows rows as stored: redacted text, read score, hashed customer, placement; refused rows with their reason", () => {
    const mapping = alignToHeaders(PRESETS.zendesk, ZENDESK_HEADERS);
    const rows = previewRows(
      [
        {
          Id: "101",
          Subject: "Late parcel",
          Description: "Please write to jens.hansen@example.dk or call +45 20 30 40 50",
          "Satisfaction Score": "Bad",
          "Requester email": "jens.hansen@example.dk",
          "Created at": "2026-10-02 10:00:00",
        },
        { Id: "", Description: "no id" },
        { Id: "103", Description: "Fine", "Satisfaction Score": "Good" },
      ],
      mapping,
      context,
      1,
    );
    const [first, second, third] = rows;
    expect(first).toMatchObject({
      ok: true,
      row: 1,
      externalId: "101",
      title: "Late parcel",
      score: 0,
      scale: "thumbs",
      occurredAt: Date.UTC(2026, 9, 2, 10),
      undated: false,
      customer: "email",
      touchpoint: "delivery-tracking",
      redactions: { email: 1, phone: 1 },
    });
    expect(first?.ok && first.text).toBe("Please write to [email] or call [phone]");
    expect(JSON.stringify(first)).not.toContain("jens.hansen");
    expect(first?.ok && first.customerRef).toMatch(/^[\w-]{8}$/);
    expect(second).toEqual({ ok: false, row: 2, reason: expect.stringContaining("missing id") });
    expect(third).toMatchObject({
      ok: true,
      row: 3,
      undated: true,
      occurredAt: NOW,
      customer: null,
      customerRef: null,
    });
  });
});
