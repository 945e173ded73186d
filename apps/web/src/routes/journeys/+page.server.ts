import { landOnJourney } from "$lib/server/landing";
import type { PageServerLoad } from "./$types";

// `?journey=` comes from the journey switcher's form when JavaScript is off.
export const load: PageServerLoad = async ({ platform, url }) => ({
  reason: await landOnJourney(platform, url.searchParams, url.searchParams.get("journey")),
});
