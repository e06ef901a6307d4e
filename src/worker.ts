import { runJob, type JobInput, type JobOutput } from './job.js'

// A worker thread of the build pool: fonts, templates and renderers stay loaded between articles.
export default async function work(input: JobInput): Promise<JobOutput> {
  return runJob(input)
}
