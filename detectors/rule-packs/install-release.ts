import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SIGMAHQ_FOLDER } from './pack-of.js';
import type { SigmahqRelease } from './sigmahq-release.js';

/**
 * Replaces the rule folders the release holds under `<rulesDir>/sigmahq/`, each written complete
 * beside the old one first and then swapped in by rename, so an interrupted import leaves either the
 * old or the new folder, never a mix. Folders the release does not hold, the licence and our tuning
 * stay as they are. Rules in `broken` (archive paths of rules with errors) are left out, so the
 * installed tree always loads cleanly.
 */
export async function installRelease(rulesDir: string, release: SigmahqRelease, broken: ReadonlySet<string>): Promise<void> {
  const root = join(rulesDir, SIGMAHQ_FOLDER);
  for (const folder of release.folders) {
    const incoming = join(root, `.${folder}.incoming`);
    const previous = join(root, `.${folder}.previous`);
    await rm(incoming, { recursive: true, force: true });
    for (const [path, text] of release.rules) {
      if (!path.startsWith(`${folder}/`) || broken.has(path)) continue;
      const target = join(incoming, path.slice(folder.length + 1));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    await rm(previous, { recursive: true, force: true });
    await rename(join(root, folder), previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(incoming, join(root, folder));
    await rm(previous, { recursive: true, force: true });
  }
  if (release.version !== undefined) await writeFile(join(root, 'version.txt'), `${release.version}\n`);
}
