// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are declared here.
declare namespace Cloudflare {
  interface Env {
    /** 32 random bytes, base64: the AES-GCM key for source secrets and the customer-hash key. */
    SECRETS_KEY: string;
  }
}
