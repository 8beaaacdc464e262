// Free-space checks before writing. Kùzu 0.11.3 does not report a full disk as an error: when a checkpoint
// or rollback hits ENOSPC the process aborts (C++ terminate, "Invalid transaction type to rollback", measured
// on a 3 MB tmpfs). So writes check the space first and refuse with DiskFullError while refusing is still
// possible; an ENOSPC that reaches JS anyway (writing a staging file) maps to the same error.
import { statfsSync } from 'node:fs';
import { DiskFullError } from '../errors.ts';

/** Room kept free for Kùzu's WAL, shadow pages and checkpoint beyond what a write itself needs. */
export const RESERVE_BYTES = 16 * 1024 * 1024;

export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** Throws DiskFullError unless `dir` has room for `needBytes` plus the reserve. */
export function ensureFreeSpace(dir: string, needBytes: number): void {
  const free = freeBytes(dir);
  if (free < needBytes + RESERVE_BYTES) {
    const mb = (n: number) => `${Math.ceil(n / 1048576)} MB`;
    throw new DiskFullError(
      `the disk holding ${dir} is full: ${mb(free)} free, this write needs about ${mb(needBytes + RESERVE_BYTES)}; free some space and retry`,
    );
  }
}
