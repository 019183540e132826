export { JobQueue, LeaseLostError, jobFromRow } from './jobs.service.ts';
export { JOB_STATES, type Job, type JobState, type JobStats, type EnqueueOptions, type ClaimRequest, type JobContext, type JobKind } from './jobs.types.ts';
