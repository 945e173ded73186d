/**
 * The map's filters as they live in the URL (`?source=…&channel=…&lang=…&segment=…`, beside `from`/`to`), so a
 * filtered view can be bookmarked or sent. Unknown or malformed values are dropped, never an error.
 * @module
 */
import { type DayRange, rangeQuery } from "./range.ts";

export interface ViewFilter {
  sources: string[];
  channels: string[];
  languages: string[];
  /** A saved segment's or persona's id. */
  segment: string | null;
}

export const NO_VIEW_FILTER: ViewFilter = { sources: [], channels: [], languages: [], segment: null };

const MAX_VALUES = 20;
const VALUE_PATTERN = /^[\w.:@-]{1,64}$/;

function values(search: URLSearchParams, name: string): string[] {
  return [...new Set(search.getAll(name).filter((v) => VALUE_PATTERN.test(v)))].slice(0, MAX_VALUES);
}

/** Reads the filters from a query string. */
export function filterFromSearch(search: URLSearchParams): ViewFilter {
  return {
    sources: values(search, "source"),
    channels: values(search, "channel"),
    languages: values(search, "lang"),
    segment: values(search, "segment")[0] ?? null,
  };
}

/** The filters as query parameters, in a stable order. */
export function filterParams(filter: ViewFilter): [string, string][] {
  return [
    ...filter.sources.map((v): [string, string] => ["source", v]),
    ...filter.channels.map((v): [string, string] => ["channel", v]),
    ...filter.languages.map((v): [string, string] => ["lang", v]),
    ...(filter.segment ? [["segment", filter.segment] as [string, string]] : []),
  ];
}

/** `?from=…&to=…` plus the filters, for links that keep the whole view. */
export function viewQuery(range: DayRange, filter: ViewFilter): string {
  const params = new URLSearchParams(rangeQuery(range));
  for (const [name, value] of filterParams(filter)) params.append(name, value);
  return `?${params}`;
}

/** How many filters are set (a segment counts once, each list once). */
export function activeFilterCount(filter: ViewFilter): number {
  return (
    [filter.sources, filter.channels, filter.languages].filter((list) => list.length > 0).length +
    (filter.segment ? 1 : 0)
  );
}
