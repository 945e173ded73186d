// A signed Standard Webhooks `feedback.created` delivery as an autocannon request, for the benchmarks that send them.

/**
 * `request` turned into a POST of one delivery to `path`, signed with `webhook` (a `standardwebhooks` Webhook) as
 * message `id` at the moment it is sent; `occurredAt` is the feedback's own time.
 */
export function signedDelivery(request, { webhook, path, id, data, occurredAt = new Date() }) {
  const body = JSON.stringify({ type: "feedback.created", timestamp: occurredAt.toISOString(), data: { id, ...data } });
  const sentAt = new Date();
  return {
    ...request,
    method: "POST",
    path,
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
      "webhook-signature": webhook.sign(id, sentAt, body),
    },
  };
}
