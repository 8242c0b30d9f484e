import type { ReportingSettings } from './reporting-settings.js';

/** A link into the UI for a mail, when the public URL is known. */
export function reportLink(settings: ReportingSettings, path: string): string | undefined {
  return settings.publicUrl === undefined ? undefined : `${settings.publicUrl.replace(/\/$/, '')}/#/${path}`;
}
