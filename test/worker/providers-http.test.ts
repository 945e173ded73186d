import { createExecutionContext, env } from "cloudflare:test";
import { createDb, schema } from "@firebreak/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as delighted from "../../functions/core/src/providers/delighted/fixtures.ts";
import * as freshdesk from "../../functions/core/src/providers/freshdesk/fixtures.ts";
import * as front from "../../functions/core/src/providers/front/fixtures.ts";
import * as genericJson from "../../functions/core/src/providers/generic-json/fixtures.ts";
import * as helpScout from "../../functions/core/src/providers/help-scout/fixtures.ts";
import * as hubspot from "../../functions/core/src/providers/hubspot/fixtures.ts";
import * as intercom from "../../functions/core/src/providers/intercom/fixtures.ts";
import * as jira from "../../functions/core/src/providers/jira/fixtures.ts";
import * as qualtrics from "../../functions/core/src/providers/qualtrics/fixtures.ts";
import * as surveymonkey from "../../functions/core/src/providers/surveymonkey/fixtures.ts";
import * as trustpilot from "../../functions/core/src/providers/trustpilot/fixtures.ts";
import * as typeform from "../../functions/core/src/providers/typeform/fixtures.ts";
import * as zendesk from "../../functions/core/src/providers/zendesk/fixtures.ts";
import { createApp } from "../../functions/ingest/src/app.ts";
import { processDelivery } from "../../functions/ingest/src/queue.ts";
import { makeWorkspace, NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { SIGNERS, type SignedRequest, signQualtrics } from "../helpers/sign.ts";

const app = createApp({ now: () => NOW, jwks: { keys: async () => [] } });
const db = createDb(env.DB);
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env, createExecutionContext());

/** One real fixture per provider, signed as the provider signs it; Google's JWT path is covered by its core tests. */
const CASES: Array<{ provider: string; fixture: unknown; secret?: string; settings?: object; fieldMapping?: object }> =
  [
    { provider: "typeform", fixture: typeform.npsZeroDanish },
    { provider: "surveymonkey", fixture: surveymonkey.responseCompleted, secret: "sm-api-secret-123" },
    { provider: "qualtrics", fixture: qualtrics.completedResponse, secret: "qualtrics-shared-key" },
    { provider: "delighted", fixture: delighted.npsCreatedZero, secret: "delighted-api-key" },
    { provider: "trustpilot", fixture: trustpilot.createdBatch },
    { provider: "zendesk", fixture: zendesk.csatBad, secret: "zendesk-webhook-secret" },
    { provider: "freshdesk", fixture: freshdesk.ticketCreated },
    { provider: "intercom", fixture: intercom.ratingAdded, secret: "intercom-client-secret" },
    { provider: "hubspot", fixture: hubspot.mixedBatch, secret: "hubspot-client-secret" },
    { provider: "jira", fixture: jira.issueCreated, secret: "jira-webhook-secret" },
    { provider: "front", fixture: front.inboundDanish, secret: "front-api-secret" },
    { provider: "help-scout", fixture: helpScout.badRatingDanish, secret: "helpscout-secret" },
    { provider: "generic-json", fixture: genericJson.flatCustom, fieldMapping: genericJson.flatMapping },
  ];

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(env.DB, "providers");
});

async function createSource(c: (typeof CASES)[number]) {
  const res = await call("/api/v1/sources", {
    method: "POST",
    headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      provider: c.provider,
      name: c.provider,
      secret: c.secret,
      settings: c.settings,
      fieldMapping: c.fieldMapping,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; secret: string; webhookUrl: string };
}

async function sign(c: (typeof CASES)[number], secret: string, path: string): Promise<SignedRequest> {
  if (c.provider === "qualtrics") {
    const { topic, msg } = c.fixture as { topic: string; msg: object };
    return signQualtrics(topic, msg, secret);
  }
  const signer = SIGNERS[c.provider];
  if (!signer) throw new Error(`no signer for ${c.provider}`);
  return signer({ body: JSON.stringify(c.fixture), secret, now: NOW, url: `http://localhost${path}` });
}

function forge(provider: string, signed: SignedRequest): SignedRequest {
  if (provider === "trustpilot") return { ...signed, query: "?token=guessed-token" };
  if (provider === "freshdesk")
    return { ...signed, headers: { ...signed.headers, authorization: `Basic ${btoa("freshdesk:guess")}` } };
  if (provider === "qualtrics") return { ...signed, body: signed.body.replace("Complete", "Forged") };
  return { ...signed, body: signed.body.replace(/.$/, (last) => (last === "}" ? " }" : `${last} `)) };
}

describe.each(CASES)("$provider through the Worker", (c) => {
  it("accepts a signed delivery, refuses a tampered one, dedupes the replay and stores the items", async () => {
    const source = await createSource(c);
    const path = `/webhooks/${c.provider}/${source.id}`;
    const signed = await sign(c, source.secret, path);
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
