// A one-at-a-time lane with a bounded wait list: work runs in order of arrival, and once `maxWaiting` calls
// are waiting the next is refused at once with a BusyError (the API answers 503 with Retry-After) rather
// than piling up without bound behind a slow writer.
import PQueue from 'p-queue';
import { BusyError } from '../store/errors.ts';

export class Lane {
  private readonly queue = new PQueue({ concurrency: 1 });

  constructor(
    private readonly what: string,
    /** Settable: the server takes it from its configuration. */
    public maxWaiting: number,
  ) {}

  /** How many calls wait behind the running one. */
  get waiting(): number {
    return this.queue.size;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.queue.size >= this.maxWaiting) {
      return Promise.reject(new BusyError(`${this.what}: ${this.queue.size} writes are already waiting; retry in a few seconds`, 5));
    }
    return this.queue.add(fn) as Promise<T>;
  }

  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }
}
