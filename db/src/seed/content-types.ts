/**
 * Shapes shared by the demo's content tables (journeys, sources, issues, phrases).
 * @module
 */

/** The demo workspace's languages. */
export type Language = "en" | "da" | "de";

export const LANGUAGES: readonly Language[] = ["en", "da", "de"];

/** One string per language. */
export type Localized = Readonly<Record<Language, string>>;

/** Alternative phrasings per language; `{slot}` placeholders are filled per item (see `slots.ts`). */
export type Phrases = Readonly<Record<Language, readonly string[]>>;

/** The customer's market, which decides currency, carriers, phone numbers and addresses. */
export type Market = "DK" | "DE" | "UK";

/** How an item feels: it picks the phrases and the score. `complaint` is a planted issue or a background gripe. */
export type Tone = "praise" | "neutral" | "mixed" | "complaint";

export type JourneySlug = "retail" | "subscription";
