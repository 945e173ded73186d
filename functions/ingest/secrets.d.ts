// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are declared here for both the
// global `Env` and `Cloudflare.Env` (what `cloudflare:test` and `cloudflare:workers` expose).
interface FirebreakSecrets {
  /** 32 random bytes, base64: the AES-GCM key for source secrets and the customer-hash key. */
  SECRETS_KEY: string;
}
interface Env extends FirebreakSecrets {}
declare namespace Cloudflare {
  interface Env extends FirebreakSecrets {}
}
