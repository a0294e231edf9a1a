import { gzipSync } from 'node:zlib'
import { request } from 'undici'
import { receiverUrl } from './helpers'
import { expect, test } from './serve-fixture'

test('a gzip body is stored as received and shown decoded, made by the engine when shown', async ({
  app: page
}) => {
  const url = new URL('coded', await receiverUrl(page))
  const plain = '{"trans_id":"436","form_id":"319","form_name":"Sample Form","OnInsert":true}'
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(Buffer.from(plain))
  })
  await res.body.dump()
  expect(res.statusCode).toBe(200)

  const row = page.getByTestId('timeline-row').first()
  await row.click()
  await expect(page.getByTestId('inspector-capture-body-size')).toContainText(/^\d+ bytes · binary/)
  await expect(page.getByTestId('inspector-capture-decoded')).toHaveAttribute(
    'data-encoding',
    'gzip'
  )
  await expect(page.getByTestId('inspector-capture-decoded-body-size')).toHaveText(
    `${plain.length} bytes`
  )
  await expect(page.getByTestId('inspector-capture-decoded-body-content')).toContainText(
    '"OnInsert": true'
  )
})
