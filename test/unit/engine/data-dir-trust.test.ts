import { describe, expect, it } from 'vitest'
import { trustMessage, trustProblem } from '@main/engine/data-dir-trust'

const ME = 1000

/** Just enough of a Stats for the check: owner, mode and kind. */
function entry(uid: number, mode: number, kind: 'file' | 'dir' | 'link' = 'file') {
  return {
    uid,
    mode: (kind === 'dir' ? 0o040000 : kind === 'link' ? 0o120000 : 0o100000) | mode,
    isDirectory: () => kind === 'dir',
    isSymbolicLink: () => kind === 'link'
  }
}

const names: Record<number, string> = { [ME]: 'ann', 1002: 'bob' }
const nameOf = (uid: number): string | null => names[uid] ?? null

describe('trustProblem', () => {
  it('accepts our own entries that others can only read, and our own links', () => {
    expect(trustProblem('/d', entry(ME, 0o755, 'dir'), ME)).toBeNull()
    expect(trustProblem('/d/f', entry(ME, 0o644), ME)).toBeNull()
    expect(trustProblem('/d/l', entry(ME, 0o777, 'link'), ME)).toBeNull()
  })

  it('names a foreign owner, a group- or other-writable mode, or both', () => {
    expect(trustProblem('/d', entry(1002, 0o700, 'dir'), ME)).toEqual({
      path: '/d',
      folder: true,
      foreignOwner: 1002,
      looseMode: null
    })
    expect(trustProblem('/d/f', entry(ME, 0o620), ME)).toEqual({
      path: '/d/f',
      folder: false,
      foreignOwner: null,
      looseMode: 0o620
    })
    expect(trustProblem('/d', entry(1002, 0o1777, 'dir'), ME)).toEqual({
      path: '/d',
      folder: true,
      foreignOwner: 1002,
      looseMode: 0o1777
    })
    // A link's mode means nothing, its owner does.
    expect(trustProblem('/d/l', entry(1002, 0o777, 'link'), ME)).toEqual({
      path: '/d/l',
      folder: false,
      foreignOwner: 1002,
      looseMode: null
    })
  })
})

describe('trustMessage', () => {
  it('names every path, owner and mode, and one command per kind of fix, quoted for a shell', () => {
    const dir = "/home/ann/my data's"
    const message = trustMessage(
      dir,
      [
        { path: dir, folder: true, foreignOwner: 1002, looseMode: 0o1777 },
        { path: `${dir}/history.jsonl`, folder: false, foreignOwner: null, looseMode: 0o602 },
        { path: `${dir}/x.lock`, folder: true, foreignOwner: 1003, looseMode: null }
      ],
      ME,
      nameOf
    )
    expect(message).toBe(
      `The data dir ${dir} is refused because other users could read or change what it holds ` +
        `(captured credentials, passwords, settings): ${dir} is owned by uid 1002 (bob), not by ` +
        `you, and has mode 01777, writable by group and others; ${dir}/history.jsonl has mode ` +
        `0602, writable by others; ${dir}/x.lock is owned by uid 1003, not by you ` +
        `(you are uid 1000 (ann)). Fix it with \`sudo chown -R ann '/home/ann/my data'\\''s' && ` +
        `chmod 700 '/home/ann/my data'\\''s' && chmod go-w '/home/ann/my data'\\''s/history.jsonl'\`, ` +
        `or use another data dir.`
    )
  })
})
