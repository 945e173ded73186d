/** A Standard Webhooks source and its signed deliveries, through the ingest Worker's own routes (for Worker tests). */
import { createExecutionContext, env } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { expect } from "vitest";
import type { createApp } from "../../functions/ingest/src/app.ts";
import { NOW, type TestWorkspace } from "../helpers/fixtures.ts";

type App = ReturnType<typeof createApp>;

/** Creates a Standard Webhooks source on the workspace's journey; its id and (once-shown) secret. */
export async function createStandardSource(app: App, ws: TestWorkspace, name = "Survey") {
  const res = await app.request(
    "/api/v1/sources",
    {
      method: "POST",
      headers: { authorization: `Bearer ${ws.token}`, "content-type": "application/json" },
      body: JSON.stringify({ provider: "standard-webhooks", name, journeyId: ws.journeyId }),
    },
    env,
    createExecutionContext(),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

/**
 * Sends `body` to the source's webhook route, signed as message `messageId`, to a Worker with `target` as its
 * environment (a test may swap a binding); the route's answer.
 */
export async function sendSigned(
  app: App,
  source: { id: string; secret: string },
  messageId: string,
  body: string,
  target: Env = env,
): Promise<Response> {
  return app.request(
    `/webhooks/standard-webhooks/${source.id}`,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": messageId,
        "webhook-timestamp": String(Math.floor(NOW / 1000)),
        "webhook-signature": new Webhook(source.secret).sign(messageId, new Date(NOW), body),
      },
      body,
    },
    target,
    createExecutionContext(),
  );
}

/** Posts one signed `feedback.created` event with `data` as message `messageId`; the accepted delivery's id. */
export async function postStandardDelivery(
  app: App,
  source: { id: string; secret: string },
  messageId: string,
  data: Record<string, unknown>,
  target: Env = env,
): Promise<string> {
  const payload = JSON.stringify({ type: "feedback.created", timestamp: "2026-11-20T09:58:00Z", data });
  const res = await sendSigned(app, source, messageId, payload, target);
  expect(res.status).toBe(202);
  return ((await res.json()) as { deliveryId: string }).deliveryId;
}
