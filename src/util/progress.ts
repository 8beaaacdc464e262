// A progress line for long work: count, rate and ETA, on stderr. Silent for work that ends within a second;
// redraws in place on a terminal, logs a line every few seconds otherwise (CI logs stay readable).
export interface ProgressOptions {
  label: string;
  total?: number;
  unit?: string;
  stream?: NodeJS.WriteStream;
  /** Milliseconds between updates. */
  every?: number;
}

export class Progress {
  private count = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private readonly stream: NodeJS.WriteStream;
  private readonly every: number;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.every = opts.every ?? (this.stream.isTTY ? 200 : 5000);
  }

  tick(n = 1): void {
    this.count += n;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.lastDraw < this.every) return;
    this.lastDraw = now;
    this.draw(false);
  }

  get value(): number {
    return this.count;
  }

  /** Prints the final line, only if a progress line was shown (work that took over a second). */
  done(): void {
    if (this.drawn || Date.now() - this.started >= 1000) this.draw(true);
  }

  line(): string {
    const secs = Math.max((Date.now() - this.started) / 1000, 1e-3);
    const rate = this.count / secs;
    const unit = this.opts.unit ?? 'items';
    let s = `${this.opts.label}: ${this.count.toLocaleString('en')}`;
    if (this.opts.total !== undefined) s += `/${this.opts.total.toLocaleString('en')}`;
    s += ` ${unit}, ${formatRate(rate)} ${unit}/s, ${formatDuration(secs)} elapsed`;
    if (this.opts.total !== undefined && rate > 0 && this.count < this.opts.total) {
      s += `, ETA ${formatDuration((this.opts.total - this.count) / rate)}`;
    }
    return s;
  }

  private draw(final: boolean): void {
    this.drawn = true;
    if (this.stream.isTTY) this.stream.write(`\r\x1b[K${this.line()}${final ? '\n' : ''}`);
    else this.stream.write(`${this.line()}\n`);
  }
}

function formatRate(r: number): string {
  return r >= 100 ? Math.round(r).toLocaleString('en') : r.toFixed(1);
}

export function formatDuration(secs: number): string {
  if (secs < 60) return `${secs.toFixed(1)}s`;
  const m = Math.floor(secs / 60);
  if (m < 60) return `${m}m${Math.round(secs % 60)}s`;
  return `${Math.floor(m / 60)}h${m % 60}m`;
}
