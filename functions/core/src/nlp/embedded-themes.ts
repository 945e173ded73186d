/**
 * A theme model whose centroids live in an embedder's space rather than over TF-IDF terms. Such centroids must never
 * meet a TF-IDF vector (nor another model's embedding), so the synchronous local pipeline gets the model with its
 * pinned keywords only, and the embedding pass (`refineWithAi`) gets the centroids.
 * @module
 */
import type { ThemeModel, ThemeProfile } from "../themes/assign.ts";

/** Theme centroids in an embedder's space, left by a re-clustering that ran on its vectors. */
export interface EmbeddedThemes {
  backend: string;
  modelId: string;
  model: ThemeModel;
}

/** The `backend` of a theme model built over TF-IDF terms, the default. */
export const LOCAL_BACKEND = "local";

/**
 * Splits `model` when it was built by an embedder (`backend` other than local): `local` classifies by pinned
 * keywords alone, `embedded` holds the centroids. A local model is returned as it is.
 */
export function splitThemeModel(
  model: ThemeModel,
  backend: string | undefined,
  modelId: string | undefined,
): { local: ThemeModel; embedded?: EmbeddedThemes } {
  if (backend === undefined || backend === LOCAL_BACKEND) return { local: model };
  const keywordsOnly: ThemeProfile[] = model.themes.filter((t) => t.pinned).map((t) => ({ ...t, centroid: {} }));
  return {
    local: { ...model, themes: keywordsOnly },
    embedded: { backend, modelId: modelId ?? "", model },
  };
}
