// Long work started through the API (ingest of a URL) runs as a job: the mutation returns at once with the
// job, whose status and step can be queried (`job(id)`) until it is done or failed. Jobs live in the server's
// memory (bounded: the last 1,000), run two at a time, and say why they failed with the FetchError code.
// At most MAX_QUEUED wait to start: one more is refused (BusyError, the API's 503 with Retry-After).
import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import { log } from '../util/log.ts';
import { BusyError } from '../store/errors.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: string;
  input: string;
  by: string;
  status: JobStatus;
  step: string | null;
  createdAt: string;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
  documentId: string | null;
  result: Record<string, unknown> | null;
}

const KEEP = 1000;
export const MAX_QUEUED = 100;

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private readonly queue = new PQueue({ concurrency: 2 });

  get(id: string): Job | null {
    return this.jobs.get(id) ?? null;
  }

  list(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  constructor(private readonly maxQueued = MAX_QUEUED) {}

  start(kind: string, input: string, by: string, work: (setStep: (s: string) => void) => Promise<{ documentId: string; result: Record<string, unknown> }>): Job {
    if (this.queue.size >= this.maxQueued) throw new BusyError(`${this.queue.size} jobs are already waiting to start; retry in a minute`, 60);
    const job: Job = {
      id: `job_${randomUUID()}`, kind, input, by, status: 'queued', step: null, createdAt: new Date().toISOString(), finishedAt: null,
      error: null, documentId: null, result: null,
    };
    this.jobs.set(job.id, job);
    if (this.jobs.size > KEEP) this.jobs.delete(this.jobs.keys().next().value!);
    void this.queue.add(async () => {
      job.status = 'running';
      try {
        const r = await work((s) => (job.step = s));
        Object.assign(job, { status: 'done', documentId: r.documentId, result: r.result, step: null });
      } catch (err) {
        const e = err as { code?: string; message?: string; userFacing?: boolean };
        if (!e.userFacing && !e.code) log.error({ err, job: job.id }, 'job failed');
        job.status = 'failed';
        job.error = { code: e.code ?? 'INTERNAL', message: e.userFacing || e.code ? String(e.message) : 'internal error (see the server log)' };
      } finally {
        job.finishedAt = new Date().toISOString();
      }
    });
    return job;
  }

  /** Waits for every queued job (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.onIdle();
  }
}
