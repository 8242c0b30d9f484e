import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SIGMAHQ_RULE_FOLDERS } from './pack-of.js';

/** The rules of a SigmaHQ release archive, keyed by their path in it (`rules/windows/…/x.yml`). */
export interface SigmahqRelease {
  rules: Map<string, string>;
  /** The archive's `version.txt` (release date, label, commit), when it has one. */
  version?: string;
  /** The rule folders the archive holds: only these are replaced on import. */
  folders: Set<string>;
  /** Entries that are neither rules nor `version.txt`, left aside. */
  ignored: string[];
}

/**
 * Bounds of one archive. SigmaHQ's largest release (all rules) holds about 3,300 rules of at most
 * 30 KB; these leave room for growth and refuse a zip bomb before it fills memory.
 */
export const RELEASE_LIMITS = { maxEntries: 50_000, maxRuleBytes: 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

/** A path segment as SigmaHQ names folders and files; `.` and `..` are refused separately. */
const SEGMENT = /^[A-Za-z0-9_.+-]{1,200}$/;

export class ReleaseError extends Error {}

/** Whether an archive path is a rule Lagebild imports, under one of SigmaHQ's rule folders. */
export function isReleaseRulePath(path: string): boolean {
  const segments = path.split('/');
  if (segments.length < 2 || !(SIGMAHQ_RULE_FOLDERS as readonly string[]).includes(segments[0]!)) return false;
  if (!segments.every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..')) return false;
  return /\.ya?ml$/i.test(path);
}

/**
 * Reads a release archive as SigmaHQ's `sigma-package-release.py` writes it (rule files with their
 * repository paths, and a `version.txt`). Every name is checked before anything is read, so an entry
 * outside the rule folders (`../x`, an absolute path) is never written anywhere.
 */
export async function readSigmahqRelease(file: string): Promise<SigmahqRelease> {
  const zip = await openZip(file);
  const release: SigmahqRelease = { rules: new Map(), folders: new Set(), ignored: [] };
  let entries = 0;
  let total = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++entries > RELEASE_LIMITS.maxEntries) throw new ReleaseError(`more than ${RELEASE_LIMITS.maxEntries} entries`);
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      const isRule = isReleaseRulePath(name);
      if (!isRule && name !== 'version.txt') {
        release.ignored.push(name);
        continue;
      }
      if (entry.uncompressedSize > RELEASE_LIMITS.maxRuleBytes) throw new ReleaseError(`${name}: larger than ${RELEASE_LIMITS.maxRuleBytes} bytes`);
      total += entry.uncompressedSize;
      if (total > RELEASE_LIMITS.maxTotalBytes) throw new ReleaseError(`more than ${RELEASE_LIMITS.maxTotalBytes} bytes of rules`);
      const text = (await readEntry(zip, entry)).toString('utf8');
      if (isRule) {
        release.rules.set(name, text);
        release.folders.add(name.split('/')[0]!);
      } else {
        release.version = text.trim();
      }
    }
  } finally {
    zip.close();
  }
  if (release.rules.size === 0) throw new ReleaseError(`no rules under ${SIGMAHQ_RULE_FOLDERS.join('/, ')}/: not a SigmaHQ release archive`);
  return release;
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // yauzl checks every entry's declared size against what it inflates, and refuses unsafe names.
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error) reject(new ReleaseError(`not a readable zip archive (${error.message})`));
      else resolve(zip);
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanUp(), resolve(entry));
    const onEnd = () => (cleanUp(), resolve(undefined));
    const onError = (error: Error) => (cleanUp(), reject(new ReleaseError(error.message)));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(new ReleaseError(`${entry.fileName}: ${error.message}`));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (streamError) => reject(new ReleaseError(`${entry.fileName}: ${streamError.message}`)));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
