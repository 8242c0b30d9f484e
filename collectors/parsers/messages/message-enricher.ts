/**
 * Reads the free-text message of one program (sshd, sudo, the kernel...) and returns the ECS fields it
 * carries, which are merged into the event; undefined when the message is not one it knows.
 */
export type MessageEnricher = (message: string) => Record<string, unknown> | undefined;
