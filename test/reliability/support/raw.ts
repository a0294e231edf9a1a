import { parseResponse, RawClient, type RawResponse } from '../../helpers/raw-client'

/** Opens a connection, writes `bytes`, waits for one complete response and closes. */
export async function roundTrip(
  port: number,
  bytes: string | Uint8Array,
  timeoutMs = 3000
): Promise<RawResponse> {
  const client = await RawClient.open(port)
  try {
    client.write(bytes)
    return await client.response(timeoutMs)
  } finally {
    client.destroy()
  }
}

/** Every complete response in `data`, in order (for pipelined requests). */
export function splitResponses(data: Buffer): RawResponse[] {
  const out: RawResponse[] = []
  let rest = data
  for (;;) {
    const response = parseResponse(rest)
    if (!response?.complete) return out
    out.push(response)
    const headEnd = rest.indexOf('\r\n\r\n')
    rest = rest.subarray(headEnd + 4 + response.body.length)
  }
}
