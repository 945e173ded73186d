import { createHash } from "node:crypto";
import adapter from "@sveltejs/adapter-cloudflare";
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

// Our own markup has no inline styles. The one SvelteKit renders is the route announcer's `style` attribute, so the
// policy allows exactly that attribute by hash instead of 'unsafe-inline'. If kit changes the string, app.css still
// hides the announcer and the browser merely logs the blocked attribute.
const KIT_ANNOUNCER_STYLE =
  "position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px";
const announcerHash = `sha256-${createHash("sha256").update(KIT_ANNOUNCER_STYLE).digest("base64")}`;

/** @type {import("@sveltejs/kit").Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({
      config: "wrangler.toml",
      // `vite dev` reads the same local D1 as the ingest Worker. getPlatformProxy wants the `v3` level,
      // while `wrangler dev --persist-to` wants its parent.
      platformProxy: { configPath: "wrangler.toml", persist: { path: "../../.wrangler/state/v3" } },
    }),
    // Every stylesheet (each under 12 kB) is inlined, so first paint waits for no CSS request; the policy lets each
    // one in by its nonce or hash, which SvelteKit adds to style-src.
    inlineStyleThreshold: 12_000,
    csp: {
      mode: "auto",
      directives: {
        "default-src": ["self"],
        "script-src": ["self"],
        "style-src": ["self", "unsafe-hashes", announcerHash],
        "img-src": ["self", "data:"],
        "font-src": ["self"],
        "connect-src": ["self"],
        "form-action": ["self"],
        "frame-ancestors": ["none"],
        "object-src": ["none"],
        "base-uri": ["self"],
      },
    },
  },
};

export default config;
