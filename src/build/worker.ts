import { workerData } from 'piscina'
import { runJob, type JobInput, type JobOutput } from './job.js'

// A worker thread of the build pool: fonts, templates and renderers stay loaded between articles.
// The build's output paths come once, with the worker, as [source, output] pairs (build.ts).
const site = new Map<string, string>((workerData as { site?: [string, string][] } | undefined)?.site ?? [])

export default async function work(input: JobInput): Promise<JobOutput> {
  return runJob({ ...input, site })
}
