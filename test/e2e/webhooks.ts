import { Webhook } from "standardwebhooks";
import { inject } from "vitest";

/**
 * One piece of feedback from a new customer of the demo workspace, through its Standard Webhooks source and the real
 * signed webhook endpoint; returns the status the ingest Worker answered (202 when accepted).
 */
export async function sendDemoFeedback(data: { comment: string; customer: Record<string, string> }): Promise<number> {
  const { webhook } = inject("credentials");
  const messageId = `msg_${crypto.randomUUID()}`;
  const now = new Date();
  const payload = JSON.stringify({
    type: "feedback.created",
    timestamp: now.toISOString(),
    data: { id: `e2e-${crypto.randomUUID()}`, score: 1, scale: "nps", touchpoint: "delivery-tracking", ...data },
  });
  const response = await fetch(`${inject("ingestUrl")}/webhooks/standard-webhooks/${webhook.sourceId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": messageId,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(webhook.secret).sign(messageId, now, payload),
    },
    body: payload,
  });
  return response.status;
}
