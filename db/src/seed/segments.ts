/**
 * The demo's saved segments and personas: the cuts a CX lead at a Nordic subscription-box shop looks at first.
 * Attribute values match `customers.ts`; tags match what the demo's providers send.
 * @module
 */
import type { SegmentInput } from "../queries/segments.ts";

export const DEMO_SEGMENTS: ReadonlyArray<SegmentInput & { id: string }> = [
  {
    id: "seg_demo_persona_new_subscriber",
    kind: "persona",
    name: "Mette, new box subscriber",
    description: "Signed up for the monthly box in the last few months. Judges us on the first two deliveries.",
    filter: { attributes: { plan: ["box-monthly"], tier: ["new"] } },
  },
  {
    id: "seg_demo_persona_loyal_vip",
    kind: "persona",
    name: "Lars, loyal VIP",
    description: "Yearly subscriber and VIP. Rarely writes in; when he does, it is a churn risk.",
    filter: { attributes: { plan: ["box-yearly"], tier: ["vip"] } },
  },
  {
    id: "seg_demo_subscribers",
    kind: "segment",
    name: "Subscribers",
    description: "Everyone on a monthly or yearly box.",
    filter: { attributes: { plan: ["box-monthly", "box-yearly"] } },
  },
  {
    id: "seg_demo_denmark",
    kind: "segment",
    name: "Danish market",
    description: "Customers in Denmark, whatever language they write in.",
    filter: { attributes: { market: ["DK"] } },
  },
  {
    id: "seg_demo_vip_tagged",
    kind: "segment",
    name: "VIP-tagged conversations",
    description: "Items the helpdesk tagged vip.",
    filter: { tags: ["vip"] },
  },
];
