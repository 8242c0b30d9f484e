/**
 * The partition a key belongs to: a stable hash (32-bit FNV-1a) modulo the partition count, so that
 * all messages of one key, and thus of one organisation, stay in order on one partition.
 */
export function keyPartition(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
