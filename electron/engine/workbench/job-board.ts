/**
 * Long work (importing unknowns, searching many of them) runs as a job the UI can watch
 * and cancel. The work yields to the event loop between steps, so the engine thread keeps
 * answering `jobs.get` and `jobs.cancel` while a job runs.
 */
import type { JobStatus } from '../../common/api/contract.js';

export interface JobControl {
  /** Set once the user asked to stop; the work checks it between steps. */
  readonly cancelled: boolean;
  progress(done: number, total?: number, message?: string): void;
}

/** Lets pending messages (cancel, progress polls) run between steps of a long loop. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const KEEP_FINISHED = 20;

export class JobBoard {
  private readonly jobs = new Map<string, { status: JobStatus; cancel: () => void }>();
  private next = 1;

  start(kind: JobStatus['kind'], work: (control: JobControl) => Promise<JobStatus['result']>): JobStatus {
    const jobId = `job${this.next++}`;
    const status: JobStatus = { jobId, kind, state: 'running', done: 0, message: '' };
    let cancelled = false;
    this.jobs.set(jobId, { status, cancel: () => (cancelled = true) });
    const control: JobControl = {
      get cancelled() {
        return cancelled;
      },
      progress(done, total, message) {
        status.done = done;
        if (total !== undefined) status.total = total;
        if (message !== undefined) status.message = message;
      },
    };
    void work(control).then(
      (result) => {
        status.state = cancelled ? 'cancelled' : 'done';
        if (result !== undefined) status.result = result;
        this.prune();
      },
      (err: unknown) => {
        status.state = 'failed';
        status.error = err instanceof Error ? err.message : String(err);
        this.prune();
      },
    );
    return { ...status };
  }

  get(jobId: string): JobStatus | undefined {
    const job = this.jobs.get(jobId);
    return job ? { ...job.status } : undefined;
  }

  cancel(jobId: string): JobStatus | undefined {
    const job = this.jobs.get(jobId);
    if (job?.status.state === 'running') job.cancel();
    return this.get(jobId);
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.status.jobId);
  }
}
