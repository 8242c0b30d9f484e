import type { WarningSettings } from './warning-settings.js';

export function warningUrl(settings: WarningSettings, warningId: string): string | undefined {
  return settings.publicUrl ? `${settings.publicUrl.replace(/\/+$/, '')}/warnings/${encodeURIComponent(warningId)}` : undefined;
}
