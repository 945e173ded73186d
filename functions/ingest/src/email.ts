/**
 * Outgoing email from the Worker behind one interface, the same shape as the web app's (`apps/web/src/lib/server/
 * email.ts`). Until a provider is configured, messages are written to the log.
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
