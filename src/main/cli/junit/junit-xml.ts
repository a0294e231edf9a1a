import { hostname } from 'node:os'

/**
 * JUnit XML, in the form CI servers read (GitLab's test reports, Jenkins' junit step, GitHub test
 * reporters): `<testsuites><testsuite><testcase>` with `<failure>` or `<skipped>` and
 * `<system-out>`. One case per checklist item, capacity level or scenario step.
 */
export interface JunitCase {
  name: string
  classname: string
  /** Seconds. */
  time: number
  outcome: 'pass' | 'failure' | 'skipped'
  /** The one-line summary: the failure's or skip's message. */
  message: string
  /** The details: the evidence lines, the failure's text, also written as system-out. */
  details: string[]
}

export interface JunitSuite {
  name: string
  /** ISO time the run started. */
  timestamp: string
  /** Seconds. */
  time: number
  cases: JunitCase[]
  /** Said once for the whole suite (a root cause, a capacity sentence). */
  out: string[]
}

/**
 * Text made safe for XML: the five special characters escaped, characters XML 1.0 cannot hold
 * (most control characters, lone surrogates) dropped. The text comes from the endpoint (bodies,
 * headers), so it must never be able to close an element or inject one.
 */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

function seconds(s: number): string {
  return Math.max(0, s).toFixed(3)
}

/** JUnit's timestamp has no zone: the time as UTC, to the second. */
function junitTimestamp(iso: string): string {
  const d = new Date(iso)
  return (Number.isNaN(d.getTime()) ? new Date() : d).toISOString().slice(0, 19)
}

function caseXml(c: JunitCase): string {
  const attrs = `name="${xmlText(c.name)}" classname="${xmlText(c.classname)}" time="${seconds(c.time)}"`
  const details = xmlText(c.details.join('\n'))
  const out = c.details.length > 0 ? `\n      <system-out>${details}</system-out>` : ''
  switch (c.outcome) {
    case 'failure':
      return `    <testcase ${attrs}>\n      <failure message="${xmlText(c.message)}" type="failure">${xmlText([c.message, ...c.details].join('\n'))}</failure>${out}\n    </testcase>`
    case 'skipped':
      return `    <testcase ${attrs}>\n      <skipped message="${xmlText(c.message)}"/>${out}\n    </testcase>`
    default:
      return `    <testcase ${attrs}>\n      <system-out>${xmlText([c.message, ...c.details].join('\n'))}</system-out>\n    </testcase>`
  }
}

/** The whole report: one suite, its counts, its cases, and its suite-wide output. */
export function junitXml(suite: JunitSuite): string {
  const failures = suite.cases.filter((c) => c.outcome === 'failure').length
  const skipped = suite.cases.filter((c) => c.outcome === 'skipped').length
  const counts = `tests="${suite.cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(suite.time)}"`
  const out =
    suite.out.length > 0 ? `\n    <system-out>${xmlText(suite.out.join('\n'))}</system-out>` : ''
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(suite.name)}" ${counts}>`,
    `  <testsuite name="${xmlText(suite.name)}" ${counts} timestamp="${junitTimestamp(suite.timestamp)}" hostname="${xmlText(hostname() || 'localhost')}">`,
    ...suite.cases.map(caseXml),
    ...(out === '' ? [] : [out.slice(1)]),
    '  </testsuite>',
    '</testsuites>',
    ''
  ].join('\n')
}
