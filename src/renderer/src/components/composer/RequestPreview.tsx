import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatBytes } from '@renderer/lib/format'
import { buildPreview, composedBody, curlForWire } from '@renderer/lib/preview'
import { activeHook } from '@renderer/store/dispatch-slice'
import { useApp } from '@renderer/store/store-context'
import { CopyButton } from '../common/CopyButton'
import { Secret } from '../common/Secret'

/**
 * The exact request the Fire button sends, byte for byte: request line, headers in order,
 * the Authorization header decoded, and the body with its size.
 */
export function RequestPreview() {
  const { composer, hook, version } = useApp(
    useShallow((s) => ({
      composer: s.composer,
      hook: activeHook(s),
      version: s.info?.version ?? '0.0.0'
    }))
  )
  const body = composedBody(composer, hook)
  const preview = useMemo(
    () => (hook ? buildPreview(hook, body, version) : null),
    [hook, body, version]
  )
  return (
    <section className="panel preview" data-testid="preview" aria-labelledby="preview-title">
      <header className="panel-head">
        <h2 id="preview-title">Exact request</h2>
        <span className="spacer" />
        {preview?.ok && (
          <CopyButton
            text={() => curlForWire(preview.request)}
            label="Copy as cURL"
            testId="preview-curl"
          />
        )}
      </header>
      {!hook && (
        <p className="empty-text" data-testid="preview-no-hook">
          Pick or add a study hook to see the request it would get.
        </p>
      )}
      {preview && !preview.ok && (
        <p className="inline-error" role="alert" data-testid="preview-error">
          {preview.message} Firing ends in the ProtocolError <code>invalid-url</code>.
        </p>
      )}
      {preview?.ok && (
        <div className="wire">
          <div className="wire-line mono" data-testid="preview-request-line">
            {preview.requestLine}
          </div>
          <table className="wire-headers mono" data-testid="preview-headers">
            <tbody>
              {preview.request.headers.map(([name, value], i) => (
                <tr key={i} data-testid="preview-header">
                  <th scope="row">{name}</th>
                  <td>
                    <span className="header-value">{value}</span>
                    {name === 'Authorization' && preview.auth && (
                      <span className="auth-decoded" data-testid="preview-auth">
                        ↳ <span className="muted">email</span>{' '}
                        <span data-testid="preview-auth-email">{preview.auth.email}</span>{' '}
                        <span className="muted">password</span>{' '}
                        <Secret
                          value={preview.auth.password ?? ''}
                          testId="preview-auth-password"
                        />
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="wire-body-head">
            <span className="muted">Body</span>
            <span className="muted" data-testid="preview-body-size">
              {preview.request.bodySize} bytes
              {preview.request.bodySize >= 1024
                ? ` (${formatBytes(preview.request.bodySize)})`
                : ''}
            </span>
          </div>
          <pre className="wire-body mono" data-testid="preview-body">
            {preview.request.body}
          </pre>
        </div>
      )}
    </section>
  )
}
