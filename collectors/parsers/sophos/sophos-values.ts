// Value readers shared by the Sophos mappings.

/** `00:26:37:ee:47:20` → `00-26-37-EE-47-20`, the ECS form Elastic's Sophos pipelines write. */
export function macValue(raw: string | undefined): string | undefined {
  return raw !== undefined && /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$/.test(raw) ? raw.replace(/:/g, '-').toUpperCase() : undefined;
}

export function lowerValue(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed.toLowerCase();
}
