/**
 * Generic JSON webhooks are signed exactly like Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64>` under a `whsec_` secret); only the body is free-form.
 * @module
 */
export { verifyStandardWebhook as verifyGenericJson } from "../standard-webhooks/verify.ts";
