import { buildEventBody, HOOK_EVENTS } from '@shared/trialkit'
import { buildWireRequest, formatWireRequest } from '@shared/wire-request'
import type { Prng } from './prng'

/** One fuzz case: the bytes to send (in pieces) and whether to half-close afterwards. */
export interface FuzzCase {
  kind: string
  pieces: Buffer[]
  /** Half-close after sending; otherwise the receiver's own timeouts must end the connection. */
  end: boolean
}

const METHODS = ['POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT']
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', 'HTTP/9', '']
const JUNK_METHODS = ['P0ST', 'post', 'PO ST', 'BREW', 'X'.repeat(70), '', '\x00GET', 'GET\t']

/** A request exactly as TrialKit (the dispatcher) writes it. */
export function trialkitRequest(prng: Prng, port: number): string {
  const event = prng.pick(HOOK_EVENTS)
  const built = buildWireRequest(
    {
      url: `http://127.0.0.1:${port}/hooks/${event}?study=${prng.int(1, 99)}`,
      email: prng.chance(0.5) ? 'hook@example.org' : '',
      password: 'p:w'
    },
    buildEventBody(event, { trans_id: String(prng.int(1, 99999)) }),
    'hook-inspector/fuzz'
  )
  if (!built.ok) throw new Error(built.message)
  return formatWireRequest(built.request)
}

function randomPath(prng: Prng): string {
  switch (prng.int(0, 4)) {
    case 0:
      return `/${prng.bytes(prng.int(0, 40)).toString('latin1')}`
    case 1:
      return `/${'a/'.repeat(prng.int(1, 2000))}`
    case 2:
      return `/%${prng.pick(['zz', '', 'E2%82', 'C0%AF', '00'])}?${'q=%ff&'.repeat(prng.int(0, 50))}`
    case 3:
      return prng.pick(['*', 'http://evil.invalid/x', '//double', '/../../etc/passwd', '?'])
    default:
      return `/p${prng.int(0, 1e6)}#frag`
  }
}

function replaceHead(request: string, transform: (lines: string[]) => string[]): string {
  const split = request.indexOf('\r\n\r\n')
  const head = split === -1 ? request : request.slice(0, split)
  const body = split === -1 ? '' : request.slice(split + 4)
  return `${transform(head.split('\r\n')).join('\r\n')}\r\n\r\n${body}`
}

function bodyOf(request: string): string {
  const split = request.indexOf('\r\n\r\n')
  return split === -1 ? '' : request.slice(split + 4)
}

function chunked(prng: Prng, request: string): string {
  const body = bodyOf(request)
  const cut = prng.int(0, body.length)
  const parts = [body.slice(0, cut), body.slice(cut)]
  const size = (s: string): string =>
    prng.pick([
      Buffer.byteLength(s).toString(16),
      'zz',
      '-1',
      'ffffffffffffffffff',
      `${Buffer.byteLength(s).toString(16)};ext=${'e'.repeat(prng.int(0, 300))}`,
      String(Buffer.byteLength(s) + prng.int(1, 5))
    ])
  const encoded =
    parts.map((p) => `${size(p)}\r\n${p}\r\n`).join('') +
    prng.pick(['0\r\n\r\n', '0\r\n', '', '0\r\nX-Trailer: 1\r\n\r\n'])
  return replaceHead(request, (lines) => [
    ...lines.filter((l) => !/^content-length:/i.test(l)),
    prng.pick([
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding: chunked, identity'
    ])
  ]).replace(/\r\n\r\n[\s\S]*$/, `\r\n\r\n${encoded}`)
}

type Mutation = (prng: Prng, request: string) => { kind: string; bytes: Buffer }

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1')

const MUTATIONS: Mutation[] = [
  (prng, req) => {
    const bytes = Buffer.from(req, 'utf8')
    const flips = prng.int(1, 8)
    for (let i = 0; i < flips; i++) bytes[prng.int(0, bytes.length - 1)] = prng.int(0, 255)
    return { kind: 'flip-bytes', bytes }
  },
  (prng, req) => {
    const bytes = Buffer.from(req, 'utf8')
    return { kind: 'truncate', bytes: bytes.subarray(0, prng.int(0, bytes.length - 1)) }
  },
  (prng, req) => ({
    kind: 'duplicate-header',
    bytes: latin1(
      replaceHead(req, (lines) => {
        const i = prng.int(1, lines.length - 1)
        const copies = Array.from({ length: prng.int(1, 4) }, () => lines[i]!)
        return [...lines.slice(0, i + 1), ...copies, ...lines.slice(i + 1)]
      })
    )
  }),
  (prng, req) => ({
    kind: 'random-method-path',
    bytes: latin1(
      replaceHead(req, ([, ...rest]) => [
        `${prng.chance(0.7) ? prng.pick(METHODS) : prng.pick(JUNK_METHODS)} ${randomPath(prng)} ${prng.pick(VERSIONS)}`,
        ...rest
      ])
    )
  }),
  (prng, req) => ({
    kind: 'bad-content-length',
    bytes: latin1(
      replaceHead(req, (lines) => {
        const value = prng.pick([
          '-1',
          'abc',
          '99999999999999999999',
          String(bodyOf(req).length + prng.int(1, 50)),
          String(Math.max(0, bodyOf(req).length - prng.int(1, 20))),
          '1e3',
          ' 12 ',
          '0x10'
        ])
        const next = lines.map((l) =>
          /^content-length:/i.test(l) ? `Content-Length: ${value}` : l
        )
        if (prng.chance(0.3)) next.push(`Content-Length: ${prng.int(0, 500)}`)
        return next
      })
    )
  }),
  (prng, req) => ({ kind: 'bad-chunks', bytes: latin1(chunked(prng, req)) }),
  (prng, req) => ({
    kind: 'header-junk',
    bytes: latin1(
      replaceHead(req, (lines) => {
        const junk = prng.pick([
          'NoColonHere',
          ': empty-name',
          'X-Nul: a\x00b',
          'X-Bare-CR: a\rb',
          ' X-Leading-Space: 1',
          'X-Folded: a\r\n continued',
          `X-Huge: ${'h'.repeat(prng.int(100, 30_000))}`,
          'Host: second.example',
          'Transfer-Encoding: chunked',
          'Expect: 100-continue',
          'Connection: Upgrade\r\nUpgrade: websocket',
          `X-Bin: ${prng.bytes(20).toString('latin1')}`
        ])
        const i = prng.int(1, lines.length)
        return [...lines.slice(0, i), junk, ...lines.slice(i)]
      })
    )
  }),
  (prng) => ({ kind: 'garbage', bytes: prng.bytes(prng.int(1, 2000)) }),
  (prng, req) => ({
    kind: 'pipelined',
    bytes: latin1(Array.from({ length: prng.int(2, 5) }, () => req).join(''))
  })
]

/** A valid TrialKit request (a third of the time) or a mutated one. */
export function nextCase(prng: Prng, port: number): FuzzCase {
  const request = trialkitRequest(prng, port)
  const mutated = prng.chance(0.33)
    ? { kind: 'valid', bytes: Buffer.from(request, 'utf8') }
    : prng.pick(MUTATIONS)(prng, request)
  const pieces: Buffer[] = []
  let rest = mutated.bytes
  const splits = prng.int(0, 2)
  for (let i = 0; i < splits && rest.length > 1; i++) {
    const at = prng.int(1, rest.length - 1)
    pieces.push(rest.subarray(0, at))
    rest = rest.subarray(at)
  }
  pieces.push(rest)
  return { kind: mutated.kind, pieces, end: !prng.chance(0.03) }
}
