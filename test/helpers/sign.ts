/**
 * Signs deliveries the way each provider does, with WebCrypto and nothing from the adapters, so the Worker tests
 * check Firebreak against the providers' schemes rather than against itself.
 */
import { Webhook } from "standardwebhooks";

const encoder = new TextEncoder();

async function mac(hash: "SHA-1" | "SHA-256" | "SHA-512", key: string, message: string) {
  const cryptoKey = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(message)));
}
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
  /** Query string to append to the webhook URL (Trustpilot's token). */
  query?: string;
}

export interface SignInput {
  body: string;
  secret: string;
  now: number;
  url: string;
}

/** Provider id → how that provider signs a JSON (or form) body. */
export const SIGNERS: Record<string, (input: SignInput) => Promise<SignedRequest>> = {
  typeform: async ({ body, secret }) => ({
    body,
    headers: {
      "content-type": "application/json",
      "typeform-signature": `sha256=${b64(await mac("SHA-256", secret, body))}`,
    },
  }),
  surveymonkey: async ({ body, secret }) => ({
    body,
    headers: {
      "content-type": "application/json",
      "sm-apikey": "sm_app_key",
      "sm-signature": b64(await mac("SHA-1", `sm_app_key&${secret}`, body)),
    },
  }),
  delighted: async ({ body, secret }) => ({
    body,
    headers: {
      "content-type": "application/json",
      "x-delighted-webhook-signature": `sha256=${hex(await mac("SHA-256", secret, body))}`,
    },
  }),
  trustpilot: async ({ body, secret }) => ({
    body,
    headers: { "content-type": "application/json" },
    query: `?token=${encodeURIComponent(secret)}`,
  }),
  zendesk: async ({ body, secret, now }) => {
    const timestamp = new Date(now).toISOString();
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-zendesk-webhook-signature-timestamp": timestamp,
        "x-zendesk-webhook-signature": b64(await mac("SHA-256", secret, timestamp + body)),
      },
    };
  },
  freshdesk: async ({ body, secret }) => ({
    body,
    headers: { "content-type": "application/json", authorization: `Basic ${btoa(`freshdesk:${secret}`)}` },
  }),
  intercom: async ({ body, secret }) => ({
    body,
    headers: { "content-type": "application/json", "x-hub-signature": `sha1=${hex(await mac("SHA-1", secret, body))}` },
  }),
  hubspot: async ({ body, secret, now, url }) => ({
    body,
    headers: {
      "content-type": "application/json",
      "x-hubspot-request-timestamp": String(now),
      "x-hubspot-signature-v3": b64(await mac("SHA-256", secret, `POST${url}${body}${now}`)),
    },
  }),
  jira: async ({ body, secret }) => ({
    body,
    headers: {
      "content-type": "application/json",
      "x-atlassian-webhook-identifier": crypto.randomUUID(),
      "x-hub-signature": `sha256=${hex(await mac("SHA-256", secret, body))}`,
    },
  }),
  front: async ({ body, secret }) => ({
    body,
    headers: { "content-type": "application/json", "x-front-signature": b64(await mac("SHA-1", secret, body)) },
  }),
  "help-scout": async ({ body, secret }) => ({
    body,
    headers: {
      "content-type": "application/json",
      "x-helpscout-event": "satisfaction.ratings",
      "x-helpscout-signature": b64(await mac("SHA-1", secret, body)),
    },
  }),
  "standard-webhooks": async ({ body, secret, now }) => standardSigned(body, secret, now),
  "generic-json": async ({ body, secret, now }) => standardSigned(body, secret, now),
};

function standardSigned(body: string, secret: string, now: number): SignedRequest {
  const id = `msg_${crypto.randomUUID()}`;
  return {
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, new Date(now), body),
    },
  };
}

/** Front application webhooks sign `${timestamp}:` + body with HMAC-SHA256 (base64) and send the timestamp (ms). */
export async function signFrontApp({ body, secret, now }: SignInput): Promise<SignedRequest> {
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-front-request-timestamp": String(now),
      "x-front-signature": b64(await mac("SHA-256", secret, `${now}:${body}`)),
    },
  };
}

/** Qualtrics signs the decoded `MSG` form field with HMAC-SHA512 (hex) and sends a form body. */
export async function signQualtrics(topic: string, msg: object, secret: string): Promise<SignedRequest> {
  const message = JSON.stringify(msg);
  const form = new URLSearchParams({ Topic: topic, MSG: message, HMAC: hex(await mac("SHA-512", secret, message)) });
  return { body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
}
