/**
 * One real fixture per webhook provider, how to connect a source for it through the API and how to sign it as the
 * provider does, shared by the Worker tests that drive every provider (providers-http, forgeries, planted PII).
 */
import { createExecutionContext, env } from "cloudflare:test";
import { expect } from "vitest";
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
import type { App } from "../../functions/ingest/src/app.ts";
import { NOW, type TestWorkspace } from "../helpers/fixtures.ts";
import { SIGNERS, type SignedRequest, signFrontApp, signQualtrics } from "../helpers/sign.ts";

export interface ProviderCase {
  /** The provider id in the webhook path. */
  provider: string;
  /** How the test names it (`front (app webhook)`); the provider id by default. */
  name?: string;
  fixture: unknown;
  secret?: string;
  settings?: Record<string, string>;
  fieldMapping?: Record<string, string>;
  /** Signs it; the provider's entry in SIGNERS by default. */
  signer?: (input: { body: string; secret: string; now: number; url: string }) => Promise<SignedRequest>;
}

/** One real fixture per provider, signed as the provider signs it; Google's JWT path has its own tests. */
export const CASES: ProviderCase[] = [
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

/** The signed schemes CASES leaves out: Standard Webhooks itself and Front's application webhooks. */
export const MORE_CASES: ProviderCase[] = [
  {
    provider: "standard-webhooks",
    fixture: {
      type: "feedback.created",
      timestamp: "2026-11-20T09:58:00Z",
      data: {
        id: "sw-1",
        comment: "The courier left the parcel in the rain and nobody answers the phone.",
        score: 2,
        scale: "nps",
        customer: { id: "cust-sw-1", email: "sw.customer@example.com" },
      },
    },
  },
  {
    provider: "front",
    name: "front (app webhook)",
    fixture: front.appInboundFullText,
    secret: "front-app-secret",
    signer: signFrontApp,
  },
];

/** The case's name in test titles. */
export const caseName = (c: ProviderCase) => c.name ?? c.provider;

/** Connects a source for the case through the API; its id and the once-shown secret. */
export async function connectSource(app: App, ws: TestWorkspace, c: ProviderCase) {
  const res = await app.request(
    "/api/v1/sources",
    {
      method: "POST",
      headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        provider: c.provider,
        name: caseName(c),
        secret: c.secret,
        settings: c.settings,
        fieldMapping: c.fieldMapping,
      }),
    },
    env,
    createExecutionContext(),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; secret: string; webhookUrl: string };
}

/** The case's fixture (or `fixture`, a variant of it) signed as the provider signs it, at `now`. */
export async function signCase(
  c: ProviderCase,
  secret: string,
  path: string,
  { now = NOW, fixture = c.fixture }: { now?: number; fixture?: unknown } = {},
): Promise<SignedRequest> {
  if (c.provider === "qualtrics") {
    const { topic, msg } = fixture as { topic: string; msg: object };
    return signQualtrics(topic, msg, secret);
  }
  const signer = c.signer ?? SIGNERS[c.provider];
  if (!signer) throw new Error(`no signer for ${c.provider}`);
  return signer({ body: JSON.stringify(fixture), secret, now, url: `http://localhost${path}` });
}
