/**
 * Sending account mails: nodemailer over SMTP_URL, or, without it, a mailer
 * that sends nothing and says so in the log (never the address or the body,
 * which can hold a reset link). Mails leave after the answer, so their cost
 * tells nothing about whether an account exists.
 */
import nodemailer from "nodemailer";
import type { Logger } from "pino";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

export function disabledMailer(logger?: Logger): Mailer {
  return {
    async send(mail) {
      logger?.warn({ subject: mail.subject }, "mail not sent: SMTP_URL is not set");
    },
  };
}

/** Sends in the background; a failure is logged with its kind only. */
export function sendLater(mailer: Mailer, mail: Mail, logger: Logger, what: string): void {
  mailer.send(mail).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    logger.warn({ what, code: typeof code === "string" ? code : undefined }, "mail failed");
  });
}

/** Runs `work` after the current answer is sent; a failure is logged with its kind only. */
export function runLater(logger: Logger, what: string, work: () => Promise<void>): void {
  setImmediate(() => {
    work().catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      logger.warn({ what, code: typeof code === "string" ? code : undefined }, "failed later");
    });
  });
}
