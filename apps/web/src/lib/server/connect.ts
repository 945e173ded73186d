/**
 * What the "Connect a source" form offers: every provider with who issues its secret and the settings the API
 * accepts for it, plus file sources; and the parsing of its provider-specific fields.
 * @module
 */
import { FILE_SOURCE, ZSourceFieldMapping, ZSourceSettings } from "@firebreak/core/providers/connect";
import { PROVIDERS } from "@firebreak/core/providers/index";

export interface ProviderChoice {
  id: string;
  label: string;
  /** `null` for file sources, which need no secret. */
  secretIssuedBy: "provider" | "firebreak" | null;
  /** Setting name → what it is for (HubSpot's canonical URL, SurveyMonkey's API key, …). */
  settings: Record<string, string>;
  /** Generic JSON sources map their payload with JSON pointers; the example mapping prefills the field. */
  mappingExample: string | null;
}

/** The providers in the adapters' order, then file uploads. */
export function providerChoices(): ProviderChoice[] {
  const webhooks = [...PROVIDERS.values()].map((adapter) => {
    const guide = adapter.setup("<webhook URL>");
    return {
      id: adapter.id,
      label: adapter.label,
      secretIssuedBy: adapter.secretIssuedBy,
      settings: guide.settings ?? {},
      mappingExample: adapter.id === "generic-json" ? (guide.template ?? null) : null,
    };
  });
  return [...webhooks, { ...FILE_SOURCE, secretIssuedBy: null, settings: {}, mappingExample: null }];
}

export type ProviderFields =
  | { ok: true; settings: Record<string, string>; fieldMapping: Record<string, string> | null }
  | { ok: false; message: string };

/**
 * Reads `setting.<name>` fields the provider accepts and, for generic JSON, the mapping (JSON), through the API's own
 * schemas. A blank field is a setting left unset.
 */
export function providerFields(choice: ProviderChoice, form: Record<string, unknown>): ProviderFields {
  const settings: Record<string, string> = {};
  for (const name of Object.keys(choice.settings)) {
    const value = form[`setting.${name}`];
    if (typeof value === "string" && value.trim()) settings[name] = value.trim();
  }
  if (!ZSourceSettings.safeParse(settings).success) {
    return { ok: false, message: "Settings: each value is at most 2,000 characters." };
  }
  if (!choice.mappingExample) return { ok: true, settings, fieldMapping: null };
  let json: unknown;
  try {
    json = JSON.parse(String(form.fieldMapping ?? ""));
  } catch {
    return { ok: false, message: "Field mapping: not valid JSON." };
  }
  const mapping = ZSourceFieldMapping.safeParse(json);
  if (!mapping.success) return { ok: false, message: "Field mapping: an object of field → JSON pointer strings." };
  return { ok: true, settings, fieldMapping: mapping.data };
}
