import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { validateXML } from 'xmllint-wasm'

const XSD = readFileSync(
  fileURLToPath(new URL('../fixtures/junit/junit.xsd', import.meta.url)),
  'utf8'
)

/** The schema errors of a JUnit report (empty when it is valid), checked by libxml2's xmllint. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: XSD }]
  })
  return result.errors.map((e) => e.rawMessage)
}
