import { createExecutionContext, env } from "cloudflare:test";
import { createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import type { SignedRequest } from "../helpers/sign.ts";
import { CASES, connectSource, signCase } from "./provider-cases.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "providers");
});

function forge(provider: string, signed: SignedRequest): SignedRequest {
  if (provider === "trustpilot") return { ...signed, query: "?token=guessed-token" };
  if (provider === "freshdesk")
    return { ...signed, headers: { ...signed.headers, authorization: `Basic ${btoa("freshdesk:guess")}` } };
  if (provider === "qualtrics") return { ...signed, body: signed.body.replace("Complete", "Forged") };
  return { ...signed, body: signed.body.replace(/.$/, (last) => (last === "}" ? " }" : `${last} `)) };
}

describe.each(CASES)("$provider through the Worker", (c) => {
  it("accepts a signed delivery, refuses a tampered one, dedupes the replay and stores the items", async () => {
    const source = await connectSource(app, ws, c);
    const path = `/webhooks/${c.provider}/${source.id}`;
    const signed = await signCase(c, source.secret, path);
    const url = `${path}${signed.query ?? ""}`;

    // What an attacker can change without the secret: the body where it is signed, the credential where it is not.
    const forged = forge(c.provider, signed);
    const refused = await call(`${path}${forged.query ?? ""}`, {
      method: "POST",
      headers: forged.headers,
      body: forged.body,
    });
    expect(refused.status).toBe(401);

    const accepted = await call(url, { method: "POST", headers: signed.headers, body: signed.body });
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    const { deliveryId } = (await accepted.json()) as { deliveryId: string };
    const again = await call(url, { method: "POST", headers: signed.headers, body: signed.body });
    expect(again.status).toBe(200);

    const stored = await processDelivery(db, env, deliveryId);
    expect(stored).toBeGreaterThan(0);
    const items = await db.select().from(schema.feedbackItems).where(eq(schema.feedbackItems.sourceId, source.id));
    expect(items).toHaveLength(stored);
    for (const item of items) {
      expect(item.workspaceId).toBe(ws.workspaceId);
      expect(item.externalId).toBeTruthy();
      expect(Number.isFinite(item.occurredAt)).toBe(true);
    }
  });
});
