import { landOnJourney } from "$lib/server/landing";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ platform, url }) => ({
  reason: await landOnJourney(platform, url.searchParams),
});
