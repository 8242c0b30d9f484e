import type { Tlp } from '../../core/domain/incident.js';
import type { MailMessage } from '../../core/ports/mailer.js';

export type Locale = 'de' | 'en';

/** What a template renders: paragraphs of plain text; the HTML body is made from the same paragraphs. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  /** Optional link shown at the end (e.g. to the report form). */
  link?: { label: string; url: string };
}

export interface MailTemplate<T> {
  render(data: T, locale: Locale): MailContent;
}

/**
 * Builds the message every Lagebild mail shares: the TLP label first in the subject (labels are
 * never translated), plain text and HTML with the same content, and every value HTML-escaped,
 * because report text and incident titles may come from attacker-controlled logs.
 */
export function composeMail<T>(template: MailTemplate<T>, data: T, options: { to: string[]; cc?: string[]; locale: Locale; tlp: Tlp }): MailMessage {
  const content = template.render(data, options.locale);
  const subject = `[${options.tlp}] ${content.subject}`;
  const textParts = [options.tlp, '', ...content.paragraphs];
  if (content.link) textParts.push('', `${content.link.label}: ${content.link.url}`);
  const htmlParts = [`<p><strong>${escapeHtml(options.tlp)}</strong></p>`, ...content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)];
  if (content.link) htmlParts.push(`<p><a href="${escapeHtml(content.link.url)}">${escapeHtml(content.link.label)}</a></p>`);
  return {
    to: options.to,
    ...(options.cc && options.cc.length > 0 ? { cc: options.cc } : {}),
    subject,
    text: `${textParts.join('\n')}\n`,
    html: `<!doctype html><html lang="${options.locale}"><body>${htmlParts.join('')}</body></html>`,
    headers: { 'X-Lagebild-TLP': options.tlp },
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
