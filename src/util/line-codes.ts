// A byte per line of a file, by line number: what an earlier read of the file learnt of each line (its record
// type, whether a later read needs it), so later reads skip the other lines without parsing them.
export class LineCodes {
  private codes = new Uint8Array(1 << 16);

  set(line: number, code: number): void {
    if (line >= this.codes.length) {
      const next = new Uint8Array(Math.max(line + 1, this.codes.length * 2));
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[line] = code;
  }

  /** 0 for a line never set. */
  get(line: number): number {
    return line < this.codes.length ? this.codes[line]! : 0;
  }
}
