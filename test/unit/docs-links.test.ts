import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The README sends a newcomer on to docs/ and shows pictures from docs/images/; the reference pages
 * link to each other's sections. A moved section or a renamed file must not leave a dead link.
 */
const ROOT = join(import.meta.dirname, '..', '..')
const PAGES = ['README.md', 'docs/CLI.md', 'docs/GUIDE.md']

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** The anchors a Markdown file offers, from its `#` headings (code blocks left out). */
function anchorsOf(path: string): Set<string> {
  const text = readFileSync(path, 'utf8').replace(/^```[\s\S]*?^```/gm, '')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)))
}

/** Every relative link and image of a page: [text](target) and ![alt](target). */
function linksOf(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
}

describe('links between the README and docs/', () => {
  it('computes anchors as GitHub does', () => {
    expect(slug('Export / Import')).toBe('export--import')
    expect(slug('`check`')).toBe('check')
    expect(slug('Receiving from the real TrialKit: a public URL')).toBe(
      'receiving-from-the-real-trialkit-a-public-url'
    )
  })

  for (const page of PAGES) {
    it(`${page}: every relative link and picture points at a file and heading that exist`, () => {
      const path = join(ROOT, page)
      const dead: string[] = []
      for (const link of linksOf(readFileSync(path, 'utf8'))) {
        const [file, anchor] = link.split('#') as [string, string | undefined]
        const target = file === '' ? path : join(dirname(path), file)
        if (!existsSync(target)) {
          dead.push(`${link}: no file ${relative(ROOT, target)}`)
        } else if (anchor !== undefined && !anchorsOf(target).has(anchor)) {
          dead.push(`${link}: no heading #${anchor} in ${relative(ROOT, target)}`)
        }
      }
      expect(dead).toEqual([])
    })
  }

  it('the README shows the pictures the end-to-end spec takes', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const spec = readFileSync(join(ROOT, 'test/e2e/readme-screens.spec.ts'), 'utf8')
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(docs\/images\/([a-z-]+)\.png\)/g)].map(
      (m) => m[1]!
    )
    expect(pictures.length).toBeGreaterThanOrEqual(1)
    for (const name of pictures) expect(spec).toContain(`readmeShot(page, '${name}'`)
  })
})
