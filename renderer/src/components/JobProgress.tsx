/** The running job's progress bar with its Cancel button. */
import type { JobStatus } from '../../../electron/common/api/contract';

export function JobProgress({ job, onCancel }: { job: JobStatus; onCancel: () => void }) {
  return (
    <div className="job-progress" data-testid="job-progress" role="status">
      {job.total ? <progress value={job.done} max={job.total} /> : <progress />}
      <span>{job.message || (job.kind === 'import' ? 'Importing…' : 'Searching…')}</span>
      <button onClick={onCancel} data-testid="cancel-job">
        Cancel
      </button>
    </div>
  );
}
