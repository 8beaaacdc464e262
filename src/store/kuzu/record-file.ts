// An append-only file of record texts (entity, claim, review and document JSON) beside the database, read
// back by offset: reads by id cost a positioned read instead of holding every record in memory (5.9 GB of
// RSS at 5 M claims when they were all held as strings) or a Kùzu query (28–90 ms per 100 ids by primary
// key, see record-cache.ts). Kùzu stays the source of truth and the file is rebuilt from it whenever the
// snapshot that points into it does not match the database (see snapshot.ts).
//
// It is also the store's log of what was committed: one line per record written (`tag TAB id-as-JSON TAB
// json`), redirects, deletions and change records included, appended after each commit. A process killed
// while Kùzu 0.11.3 checkpoints leaves a database file that opens corrupt or not at all; recover.ts then
// builds the database again from these lines (the last line of each id wins).
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

/** What a line holds. */
export type RecordTag =
  | 'D' // document JSON
  | 'E' // entity JSON
  | 'C' // claim JSON without its review
  | 'R' // a claim's review JSON (id: the claim's)
  | 'X' // a redirect (json: the target id as a JSON string)
  | 'Z' // an entity merged away (json: null)
  | 'K'; // a change record

export interface RecordLine {
  tag: RecordTag;
  id: string;
  /** Where the line's JSON starts, and its length in bytes. */
  offset: number;
  length: number;
}

// Version 2 is the framed log; a version 1 file (texts one after another) is not opened and gets rebuilt.
const MAGIC = 'RGREC2 ';
const HEADER_BYTES = MAGIC.length + 36 + 1; // magic, a UUID, a newline
/** Appends are gathered and written in blocks of this size (one write call per record was 4× slower). */
const BLOCK = 1 << 20;

export class RecordFile {
  /** Lines not yet written, as text: turned into bytes once per block (a Buffer per line cost more). */
  private pending = '';
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

  /** Appends one line; returns the offset and byte length of its JSON. */
  append(tag: RecordTag, id: string, json: string): [number, number] {
    if (this.readOnly || this.fd < 0) throw new Error(`${this.path} is not open for writing`);
    // JSON.stringify escapes tabs and newlines, so neither the id nor the JSON can hold one raw.
    const head = `${tag}\t${JSON.stringify(id)}\t`;
    const headBytes = Buffer.byteLength(head);
    const jsonBytes = Buffer.byteLength(json);
    const at = this.size + headBytes;
    this.pending += head + json + '\n';
    this.pendingBytes += headBytes + jsonBytes + 1;
    if (this.pendingBytes >= BLOCK) this.flush();
    return [at, jsonBytes];
  }

  /**
   * Every line from the first, in the order written. A last line cut short (a process killed while writing
   * it) ends the scan: it belongs to a write whose command never returned.
   */
  *lines(): Generator<RecordLine> {
    this.flush();
    const block = Buffer.allocUnsafe(BLOCK * 8);
    let pos = HEADER_BYTES;
    let carry: Buffer = Buffer.alloc(0);
    let carryAt = pos;
    for (;;) {
      const n = readSync(this.fd, block, 0, block.length, pos);
      if (n === 0) return;
      const buf = carry.length ? Buffer.concat([carry, block.subarray(0, n)]) : block.subarray(0, n);
      const base = carry.length ? carryAt : pos;
      pos += n;
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
        const t1 = buf.indexOf(9, start);
        const t2 = t1 < 0 ? -1 : buf.indexOf(9, t1 + 1);
        if (t1 !== start + 1 || t2 < 0 || t2 > nl) throw new Error(`${this.path}: line at byte ${base + start} is not a record line`);
        yield {
          tag: String.fromCharCode(buf[start]!) as RecordTag,
          id: JSON.parse(buf.toString('utf8', t1 + 1, t2)) as string,
          offset: base + t2 + 1,
          length: nl - t2 - 1,
        };
        start = nl + 1;
      }
      carry = Buffer.from(buf.subarray(start));
      carryAt = base + start;
    }
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
    const all = Buffer.from(this.pending, 'utf8');
    if (all.length !== this.pendingBytes) throw new Error(`${this.path}: ${all.length} bytes to write, ${this.pendingBytes} counted`);
    let done = 0;
    while (done < all.length) done += writeSync(this.fd, all, done, all.length - done, this.flushed + done);
    this.flushed += all.length;
    this.pending = '';
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
