import { dataText } from './windows-values.js';

/** ECS file name, directory and extension of a Windows path; a path without a backslash gives none. */
export function windowsFileFields(value: unknown): Record<string, string | undefined> {
  const path = dataText(value);
  if (path === undefined) return {};
  const slash = path.lastIndexOf('\\');
  if (slash < 0) return { path };
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return { path, name, directory: path.slice(0, slash), extension: dot < 0 ? undefined : name.slice(dot + 1) };
}

/** The executable's file name, as the pipelines set process.name: the part after the last backslash. */
export function executableName(value: unknown): string | undefined {
  const path = dataText(value);
  if (path === undefined) return undefined;
  const slash = path.lastIndexOf('\\');
  return slash < 0 || slash === path.length - 1 ? undefined : path.slice(slash + 1);
}
