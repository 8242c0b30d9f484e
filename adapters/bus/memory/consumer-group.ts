import type { PartitionLog, StoredMessage } from './partition-log.js';

export interface GroupMember {
  /** Called when there may be new work for the member: new messages, a freed or reassigned partition. */
  wake(): void;
}

/** A batch a member took from one partition; the partition stays locked until it is released. */
export interface Claim {
  partition: number;
  messages: StoredMessage[];
}

interface Cursor {
  committed: number;
  /** Locked while one member handles a batch, so that a rebalance never hands it to a second member. */
  busy: boolean;
  /** Failed handlings of the messages below `failedUpTo`; feeds `redeliveries`. */
  failedAttempts: number;
  failedUpTo: number;
}

/**
 * A consumer group on one topic: its committed offset per partition and its live members. Partition
 * p belongs to member p mod n (in join order), so members of one group share the partitions and
 * every key is handled by one member at a time, in order.
 */
export class ConsumerGroup {
  private readonly cursors: Cursor[];
  private readonly members: GroupMember[] = [];
  private readonly nextPartition = new Map<GroupMember, number>();

  constructor(
    private readonly logs: PartitionLog[],
    fromBeginning: boolean,
    private readonly onCommit: (partition: number) => void,
  ) {
    this.cursors = logs.map((log) => {
      const start = fromBeginning ? log.firstOffset : log.nextOffset;
      return { committed: start, busy: false, failedAttempts: 0, failedUpTo: start };
    });
  }

  join(member: GroupMember): void {
    this.members.push(member);
    this.nextPartition.set(member, 0);
    this.wakeAll();
  }

  leave(member: GroupMember): void {
    const index = this.members.indexOf(member);
    if (index < 0) return;
    this.members.splice(index, 1);
    this.nextPartition.delete(member);
    this.wakeAll();
  }

  get hasMembers(): boolean {
    return this.members.length > 0;
  }

  wakeAll(): void {
    for (const member of this.members) member.wake();
  }

  /**
   * The next batch for `member` from one of its partitions, round robin, of at most `maxBatchSize`
   * messages and `maxBatchBytes` (but at least one message), or undefined when it has nothing to do.
   */
  claim(member: GroupMember, maxBatchSize: number, maxBatchBytes?: number): Claim | undefined {
    const index = this.members.indexOf(member);
    if (index < 0) return undefined;
    const partitions = this.logs.length;
    const start = this.nextPartition.get(member) ?? 0;
    for (let step = 0; step < partitions; step++) {
      const partition = (start + step) % partitions;
      if (partition % this.members.length !== index) continue;
      const cursor = this.cursors[partition]!;
      const log = this.logs[partition]!;
      if (cursor.busy || cursor.committed >= log.nextOffset) continue;
      cursor.busy = true;
      this.nextPartition.set(member, partition + 1);
      return { partition, messages: log.read(cursor.committed, maxBatchSize, maxBatchBytes) };
    }
    return undefined;
  }

  /** How often the message at `offset` of the claimed partition was handed out before. */
  redeliveries(claim: Claim, offset: number): number {
    const cursor = this.cursors[claim.partition]!;
    return offset < cursor.failedUpTo ? cursor.failedAttempts : 0;
  }

  failed(claim: Claim): void {
    const cursor = this.cursors[claim.partition]!;
    cursor.failedAttempts += 1;
    cursor.failedUpTo = Math.max(cursor.failedUpTo, endOffset(claim));
  }

  commit(claim: Claim): void {
    const cursor = this.cursors[claim.partition]!;
    cursor.committed = endOffset(claim);
    if (cursor.committed >= cursor.failedUpTo) cursor.failedAttempts = 0;
    this.onCommit(claim.partition);
  }

  release(claim: Claim): void {
    this.cursors[claim.partition]!.busy = false;
    this.wakeAll();
  }

  committed(partition: number): number {
    return this.cursors[partition]!.committed;
  }

  lag(): number {
    return this.logs.reduce((sum, log, partition) => sum + log.nextOffset - this.committed(partition), 0);
  }
}

function endOffset(claim: Claim): number {
  return claim.messages[claim.messages.length - 1]!.offset + 1;
}
