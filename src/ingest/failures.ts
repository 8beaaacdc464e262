// Documents that failed to ingest, kept with their reason so that `rightsgraph ingest --retry-failed` can
// try them again; written atomically next to the archive (RIGHTSGRAPH_ARCHIVE/ingest-failed.json).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Failure {
  /** A file path or a URL, as given. */
  input: string;
  reason: string;
  at: string;
  attempts: number;
}

export class FailureLog {
  private readonly entries = new Map<string, Failure>();

  constructor(readonly file: string) {
    if (existsSync(file)) for (const f of JSON.parse(readFileSync(file, 'utf8')) as Failure[]) this.entries.set(f.input, f);
  }

  static in(archiveDir: string): FailureLog {
    return new FailureLog(join(archiveDir, 'ingest-failed.json'));
  }

  list(): Failure[] {
    return [...this.entries.values()];
  }

  fail(input: string, reason: string): void {
    const prev = this.entries.get(input);
    this.entries.set(input, { input, reason, at: new Date().toISOString(), attempts: (prev?.attempts ?? 0) + 1 });
    this.save();
  }

  succeed(input: string): void {
    if (this.entries.delete(input)) this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.list(), null, 1));
    renameSync(tmp, this.file);
  }
}
