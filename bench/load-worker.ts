/**
 * The load generator, run as a child process so autocannon never shares an event loop with the
 * server under test. It takes one LoadJob per IPC message and answers with a LoadReply.
 */
import autocannon from 'autocannon'
import type { LoadJob, LoadReply } from './load-protocol'
import { errorMessage } from '../src/shared/error-message'

async function runJob(job: LoadJob): Promise<LoadReply> {
  try {
    const r = await autocannon({
      url: job.url,
      method: 'POST',
      headers: job.headers,
      body: job.body,
      connections: job.connections,
      duration: job.durationS,
      timeout: 10
    })
    return {
      ok: true,
      result: {
        rps: r.duration > 0 ? r.requests.total / r.duration : 0,
        completed: r.requests.total,
        ok2xx: r['2xx'],
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        latencyP50Ms: r.latency.p50,
        latencyP99Ms: r.latency.p99,
        durationS: r.duration
      }
    }
  } catch (error) {
    return { ok: false, error: errorMessage(error) }
  }
}

process.on('message', (job: LoadJob) => {
  void runJob(job).then((reply) => process.send?.(reply))
})
// The parent going away (or closing the channel) ends this process too.
process.on('disconnect', () => process.exit(0))
