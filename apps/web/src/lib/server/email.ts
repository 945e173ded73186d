/**
 * Outgoing email behind one interface. Locally (and wherever no provider is configured) messages are written to the
 * Worker's log, so an invitation link can be copied from the terminal; a provider's sender plugs in here.
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

export function invitationEmail(invite: {
  to: string;
  workspace: string;
  inviter: string;
  role: string;
  link: string;
}): EmailMessage {
  return {
    to: invite.to,
    subject: `${invite.inviter} invited you to ${invite.workspace} on Firebreak`,
    text: [
      `${invite.inviter} invited you to join the workspace "${invite.workspace}" on Firebreak as ${invite.role}.`,
      "",
      `Accept the invitation: ${invite.link}`,
      "",
      "The link works once and expires in 7 days. If you did not expect it, ignore this email.",
    ].join("\n"),
  };
}
