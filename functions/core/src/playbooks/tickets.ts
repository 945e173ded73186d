/**
 * Tickets through a provider's API, behind one interface so the sender does not know which help desk it talks to.
 * Zendesk: `POST https://{subdomain}.zendesk.com/api/v2/tickets.json` with basic auth `{email}/token:{apiToken}`.
 * @module
 */
import type { FetchLike } from "../enrichment/types.ts";
import { toBase64 } from "../ids.ts";
import type { AttemptResult } from "../outbound/retry.ts";
import type { Ticket } from "./render.ts";

/** How an attempt to open a ticket ended, as the outbound retry schedule reads it; `ticketId` once created. */
export interface TicketAttempt {
  result: AttemptResult;
  ticketId?: string;
  error?: string;
}

/** Opens tickets in one help desk. */
export interface TicketCreator {
  create(ticket: Ticket, init: { signal?: AbortSignal }): Promise<TicketAttempt>;
}

/** What a Zendesk destination stores, encrypted: the agent's email and an API token. */
export interface ZendeskCredentials {
  email: string;
  apiToken: string;
}

/** A Zendesk subdomain: `acme` in acme.zendesk.com. */
export const ZENDESK_SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The account's base URL, the destination's target. */
export function zendeskBaseUrl(subdomain: string): string {
  return `https://${subdomain.toLowerCase()}.zendesk.com`;
}

/** Zendesk's API (Support: Tickets). */
export class ZendeskTicketCreator implements TicketCreator {
  private readonly baseUrl: string;
  private readonly credentials: ZendeskCredentials;
  private readonly fetch: FetchLike;

  // Fields assigned by hand: Node runs the seed and scripts with type stripping, which has no parameter properties.
  constructor(baseUrl: string, credentials: ZendeskCredentials, fetch: FetchLike) {
    this.baseUrl = baseUrl;
    this.credentials = credentials;
    this.fetch = fetch;
  }

  async create(ticket: Ticket, init: { signal?: AbortSignal }): Promise<TicketAttempt> {
    const auth = toBase64(new TextEncoder().encode(`${this.credentials.email}/token:${this.credentials.apiToken}`));
    const response = await this.fetch(new URL("/api/v2/tickets.json", this.baseUrl).href, {
      method: "POST",
      headers: {
        authorization: `Basic ${auth}`,
        "content-type": "application/json",
        "user-agent": "Firebreak-Playbooks/1",
      },
      body: JSON.stringify({
        ticket: {
          subject: ticket.subject,
          comment: { body: ticket.body, public: false },
          tags: ticket.tags,
          priority: ticket.priority,
        },
      }),
      redirect: "manual",
      signal: init.signal,
    });
    const result: AttemptResult = {
      kind: "response",
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
    };
    if (!response.ok) {
      await response.body?.cancel();
      return { result, error: `Zendesk answered HTTP ${response.status}` };
    }
    const created = (await response.json().catch(() => ({}))) as { ticket?: { id?: number | string } };
    return { result, ticketId: created.ticket?.id === undefined ? undefined : String(created.ticket.id) };
  }
}
