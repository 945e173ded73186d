/**
 * The web app's email: the sender interface of the core (`@firebreak/core/email`) and the messages it sends.
 * @module
 */
import type { EmailMessage } from "@firebreak/core/email";

export { type EmailMessage, type EmailSender, logEmailSender } from "@firebreak/core/email";

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
