// `npm run demo:webhook [-- "comment" [touchpoint-key] [score]]`: signs a feedback event with the demo source's
// secret (Standard Webhooks) and posts it to the running ingest Worker, the way a survey tool would.
import "./require-node24.mjs";
import { Webhook } from "standardwebhooks";
import { localConfig, readJson } from "./lib.mjs";

/** Signs and posts one feedback event; returns the HTTP status and body. */
export async function sendFeedbackEvent(
  config,
  credentials,
  { comment, touchpoint, score, scale = "nps", id, handledBy },
) {
  const webhookId = `msg_${crypto.randomUUID()}`;
  const now = new Date();
  const payload = JSON.stringify({
    type: "feedback.created",
    timestamp: now.toISOString(),
    data: {
      id: id ?? `demo-${crypto.randomUUID()}`,
      kind: "survey",
      score,
      scale,
      comment,
      channel: "web",
      touchpoint,
      customer: { id: `cus_demo_${Math.floor(Math.random() * 1e6)}` },
      handled_by: handledBy,
    },
  });
  const signature = new Webhook(credentials.webhook.secret).sign(webhookId, now, payload);
  const res = await fetch(`${config.ingestUrl}/webhooks/standard-webhooks/${credentials.webhook.sourceId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": webhookId,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signature,
    },
    body: payload,
  });
  return { status: res.status, body: await res.json() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = localConfig();
  const credentials = readJson(config.credentialsFile);
  if (!credentials?.webhook) {
    console.error("No demo credentials found: run `npm start` first.");
    process.exit(1);
  }
  const [
    comment = "Parcel arrived five days late and still no refund.",
    touchpoint = "delivery-tracking",
    score = "2",
  ] = process.argv.slice(2);
  const result = await sendFeedbackEvent(config, credentials, { comment, touchpoint, score: Number(score) });
  console.log(result.status, JSON.stringify(result.body));
}
