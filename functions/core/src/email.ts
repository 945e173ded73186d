/**
 * Outgoing email behind one interface, shared by both Workers (invitations from the web app, alert emails from the
 * ingest Worker). Until a provider is configured, and always locally, messages are written to the Worker's log, so
 * a link can be copied from the terminal; a provider's sender plugs in here.
 * @module
 */

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** Writes each message to the log as one JSON line. */
export const logEmailSender: EmailSender = {
  async send(message) {
    console.log(JSON.stringify({ level: "info", event: "email", ...message }));
  },
};
