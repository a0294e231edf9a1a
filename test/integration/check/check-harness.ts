import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { createHeadlessEngine, type Engine } from '@main/engine'
import { MAX_CHECK_REQUESTS } from '@main/engine/check/run-check'
import { CheckReportSchema, type CheckReport, type CheckRequest } from '@shared/check'
import {
  startEndpoint,
  type Endpoint,
  type EndpointOptions,
  type Handler
} from '../../helpers/endpoint'

export interface CheckHarness {
  /** The file's headless engine (no data dir, no receiver). */
  engine: () => Engine
  /** Starts this test's endpoint; it is closed after the test. */
  serve: (handler: Handler, options?: EndpointOptions) => Promise<Endpoint>
  /**
   * Runs the readiness check against `url` with the file's defaults and `extra` on top; the
   * report must match its schema and stay within the request budget.
   */
  check: (url: string, extra?: Omit<CheckRequest, 'url'>) => Promise<CheckReport>
}

/** Registers, for the test file calling it, a headless engine and one endpoint per test. */
export function useCheckHarness(defaults: Omit<CheckRequest, 'url'>): CheckHarness {
  let engine: Engine
  let endpoint: Endpoint | null = null
  beforeAll(async () => {
    engine = await createHeadlessEngine({ dataDir: null, startReceiver: false })
  })
  afterAll(async () => {
    await engine.close()
  })
  afterEach(async () => {
    await endpoint?.close()
    endpoint = null
  })
  return {
    engine: () => engine,
    async serve(handler, options) {
      endpoint = await startEndpoint(handler, options)
      return endpoint
    },
    async check(url, extra = {}) {
      const report = await engine.runCheck({ url, ...defaults, ...extra })
      expect(CheckReportSchema.parse(report)).toEqual(report)
      expect(report.requestsSent).toBeLessThanOrEqual(MAX_CHECK_REQUESTS)
      return report
    }
  }
}
