/** Builders for worker tests: a workspace with one journey, a stage, two touchpoints and an API token. */
import { newId, sha256Hex } from "@firebreak/core";
import { createDb, schema } from "@firebreak/db";

export const NOW = Date.parse("2026-11-20T10:00:00Z");

export interface TestWorkspace {
  workspaceId: string;
  journeyId: string;
  touchpointIds: { delivery: string; checkout: string };
  token: string;
}

export async function makeWorkspace(d1: D1Database, label = "acme"): Promise<TestWorkspace> {
  const db = createDb(d1);
  const workspaceId = newId("ws");
  const journeyId = newId("jr");
  const stageId = newId("st");
  const delivery = newId("tp");
  const checkout = newId("tp");
  const token = `fbk_test_${newId("t")}`;
  const touchpoint = (id: string, key: string, name: string, position: number) => ({
    id,
    workspaceId,
    journeyId,
    stageId,
    key,
    name,
    position,
    createdAt: NOW,
    updatedAt: NOW,
  });
  await db.batch([
    db
      .insert(schema.workspaces)
      .values({ id: workspaceId, name: label, slug: `${label}-${workspaceId}`, languages: ["en", "da", "de"] }),
    db.insert(schema.journeys).values({ id: journeyId, workspaceId, name: "Purchase", createdAt: NOW, updatedAt: NOW }),
    db.insert(schema.stages).values({ id: stageId, workspaceId, journeyId, name: "Delivery", position: 0 }),
    db
      .insert(schema.touchpoints)
      .values([
        touchpoint(delivery, "delivery-tracking", "Delivery tracking", 0),
        touchpoint(checkout, "checkout-payment", "Checkout payment", 1),
      ]),
    db.insert(schema.apiTokens).values({
      id: newId("tok"),
      workspaceId,
      name: "test",
      prefix: token.slice(0, 12),
      tokenHash: await sha256Hex(token),
      scopes: ["read", "write"],
      createdAt: NOW,
    }),
  ]);
  return { workspaceId, journeyId, touchpointIds: { delivery, checkout }, token };
}
