import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1, valid for 20 years, committed so
 * tests never need openssl. It was made with:
 *
 *   openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 7300 \
 *     -keyout key.pem -out cert.pem -subj "/CN=localhost" \
 *     -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
 *     -addext "basicConstraints=critical,CA:FALSE" \
 *     -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
 *     -addext "extendedKeyUsage=serverAuth"
 *
 * The key is a test fixture only: it protects nothing.
 */
function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url)), 'utf8')
}

export const TLS_CERT = fixture('cert.pem')
export const TLS_KEY = fixture('key.pem')
