import { spawn, type ChildProcess } from 'node:child_process'

/**
 * A separate process holding many event-stream clients on loopback, each reading everything it is
 * sent, so the server's event loop is measured alone. It prints `ready` once every client has its
 * `: connected` comment, and `done <bytes>` once every client has seen `marker` (which must come at the end of a message).
 */
const SCRIPT = `
const net = require('node:net')
const [port, token, count, marker] = process.argv.slice(1)
const n = Number(count)
let connected = 0, done = 0, bytes = 0
for (let i = 0; i < n; i++) {
  const socket = net.connect(Number(port), '127.0.0.1')
  let tail = '', seenConnected = false, seenMarker = false
  socket.on('data', (chunk) => {
    bytes += chunk.length
    const text = tail + chunk.toString('latin1')
    tail = text.slice(-256)
    if (!seenConnected && text.includes(': connected')) {
      seenConnected = true
      if (++connected === n) console.log('ready')
    }
    if (!seenMarker && text.includes(marker)) {
      seenMarker = true
      // Stays connected: the test counts the server's open streams after this line.
      if (++done === n) console.log('done ' + bytes)
    }
  })
  socket.on('error', (e) => { console.log('error ' + e.message); process.exit(1) })
  socket.write('GET /api/events?token=' + token + ' HTTP/1.1\\r\\nHost: 127.0.0.1:' + port + '\\r\\n\\r\\n')
}
`

export interface StreamReaders {
  child: ChildProcess
  /** Resolves with the first line starting with `word`; rejects on another outcome or timeout. */
  line(word: string, timeoutMs: number): Promise<string>
  stop(): void
}

/** Starts `count` readers of the event stream at `port` in a child process. */
export function startStreamReaders(
  port: number,
  token: string,
  count: number,
  marker: string
): StreamReaders {
  const child = spawn(
    process.execPath,
    ['-e', SCRIPT, String(port), token, String(count), marker],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  return {
    child,
    line(word, timeoutMs) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs
        const check = (): void => {
          const found = output.split('\n').find((l) => l.startsWith(word))
          if (found !== undefined) return resolve(found)
          if (output.includes('error ') || child.exitCode !== null) {
            return reject(new Error(`stream readers: ${output.trim() || 'exited'}`))
          }
          if (Date.now() > deadline) {
            return reject(new Error(`stream readers: no "${word}" within ${timeoutMs} ms`))
          }
          setTimeout(check, 20)
        }
        check()
      })
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }
}
