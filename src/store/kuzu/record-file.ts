// An append-only file of record texts (entity, claim, review and document JSON) beside the database, read
// back by offset: reads by id cost a positioned read instead of holding every record in memory (5.9 GB of
// RSS at 5 M claims when they were all held as strings) or a Kùzu query (28–90 ms per 100 ids by primary
// key, see record-cache.ts). It is a derived copy: Kùzu stays the source of truth and the file is rebuilt
// from it whenever the snapshot that points into it does not match the database (see snapshot.ts).
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const MAGIC = 'RGREC1 ';
const HEADER_BYTES = MAGIC.length + 36 + 1; // magic, a UUID, a newline
/** Appends are gathered and written in blocks of this size (one write call per record was 4× slower). */
const BLOCK = 1 << 20;

export class RecordFile {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes on disk (flushed). */
  private flushed: number;

  private constructor(
    readonly path: string,
    private fd: number,
    /** Written in the file's header and in the snapshot that points into it: a snapshot of another file is refused. */
    readonly id: string,
    size: number,
    readonly readOnly: boolean,
  ) {
    this.flushed = size;
  }

  /** A new, empty file (replacing any at `path`). */
  static create(path: string): RecordFile {
    const fd = openSync(path, 'w+');
    const id = randomUUID();
    writeSync(fd, `${MAGIC}${id}\n`);
    return new RecordFile(path, fd, id, HEADER_BYTES, false);
  }

  /** A stand-in until the graph is loaded: any use is a bug in the caller, said as such. */
  static unopened(path: string): RecordFile {
    return new RecordFile(path, -1, '', 0, true);
  }

  /** An existing file, or null when it is missing or not a record file. */
  static open(path: string, readOnly: boolean): RecordFile | null {
    let fd: number;
    try {
      fd = openSync(path, readOnly ? 'r' : 'r+');
    } catch {
      return null;
    }
    const head = Buffer.alloc(HEADER_BYTES);
    const n = readSync(fd, head, 0, HEADER_BYTES, 0);
    const text = head.toString('latin1');
    if (n !== HEADER_BYTES || !text.startsWith(MAGIC) || text[HEADER_BYTES - 1] !== '\n') {
      closeSync(fd);
      return null;
    }
    return new RecordFile(path, fd, text.slice(MAGIC.length, HEADER_BYTES - 1), fstatSync(fd).size, readOnly);
  }

  /** The file's length including appends not yet flushed: where the next record goes. */
  get size(): number {
    return this.flushed + this.pendingBytes;
  }

  /** Appends one text; returns its offset and byte length. */
  append(text: string): [number, number] {
    if (this.readOnly || this.fd < 0) throw new Error(`${this.path} is not open for writing`);
    const buf = Buffer.from(text, 'utf8');
    const at = this.size;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= BLOCK) this.flush();
    return [at, buf.length];
  }

  read(offset: number, length: number): string {
    if (this.fd < 0) throw new Error(`${this.path} is not open (the graph was not loaded)`);
    if (offset + length > this.flushed) this.flush();
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, offset + got);
      if (n === 0) throw new Error(`${this.path} ends before the record at ${offset} (${length} bytes): the file is truncated`);
      got += n;
    }
    return buf.toString('utf8');
  }

  flush(): void {
    if (!this.pendingBytes) return;
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < all.length) done += writeSync(this.fd, all, done, all.length - done, this.flushed + done);
    this.flushed += all.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flushes and asks the OS to put the bytes on disk (before a snapshot that points into them is written). */
  sync(): void {
    this.flush();
    if (!this.readOnly) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd < 0) return;
    if (!this.readOnly) this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }
}
