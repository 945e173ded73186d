/**
 * Column mappings for the exports of common help desks, detected from the header row. Column names follow each
 * product's CSV export; anything else can be mapped by hand in the preview.
 * @module
 */
import { type ColumnMapping, ZColumnMapping } from "./mapping.ts";

export const PRESETS = {
  zendesk: ZColumnMapping.parse({
    columns: {
      externalId: "Id",
      title: "Subject",
      text: "Description",
      score: "Satisfaction Score",
      occurredAt: "Created at",
      updatedAt: "Updated at",
      customerId: "Requester id",
      customerEmail: "Requester email",
      channel: "Via",
      tags: "Tags",
      status: "Status",
    },
    kind: "ticket",
    channel: "email",
    scale: "thumbs",
    // "Offered" and "Unoffered" are tickets without a rating: still feedback, just not scored.
    scoreWords: { good: 1, bad: 0, offered: null, unoffered: null },
    tagSeparator: " ",
  }),
  freshdesk: ZColumnMapping.parse({
    columns: {
      externalId: "Ticket ID",
      title: "Subject",
      text: "Description",
      score: "Customer Satisfaction",
      occurredAt: "Created time",
      updatedAt: "Last updated time",
      customerId: "Contact ID",
      customerEmail: "Email",
      channel: "Source",
      tags: "Tags",
      status: "Status",
    },
    kind: "ticket",
    channel: "email",
    scale: "csat5",
    scoreWords: { "extremely happy": 5, happy: 4, neutral: 3, unhappy: 2, "extremely unhappy": 1 },
    tagSeparator: ",",
  }),
  intercom: ZColumnMapping.parse({
    columns: {
      externalId: "Conversation ID",
      text: "Conversation rating remark",
      score: "Conversation rating",
      occurredAt: "Conversation created at",
      updatedAt: "Conversation last updated at",
      customerId: "User ID",
      customerEmail: "User email",
      tags: "Conversation tags",
      status: "Conversation state",
    },
    kind: "message",
    channel: "chat",
    scale: "csat5",
    tagSeparator: ",",
  }),
} satisfies Record<string, ColumnMapping>;

export type PresetName = keyof typeof PRESETS;

/** The preset whose id and text columns are all in `headers` (matched case-insensitively), if any. */
export function detectPreset(headers: readonly string[]): PresetName | undefined {
  const present = new Set(headers.map((h) => h.trim().toLowerCase()));
  for (const [name, mapping] of Object.entries(PRESETS) as Array<[PresetName, ColumnMapping]>) {
    const required = [mapping.columns.externalId, mapping.columns.text ?? mapping.columns.score];
    if (required.every((column) => column && present.has(column.toLowerCase()))) return name;
  }
  return undefined;
}
