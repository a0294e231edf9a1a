/**
 * Text from the network (a tunnel server's banner, a captured request) shown in a terminal.
 * Threat: control characters (ESC, CR, the C1 range) would let a remote party move the cursor,
 * rewrite lines or change the terminal's title; they are shown as \xNN escapes instead.
 */
export function escapeForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0)
    return `\\x${code.toString(16).padStart(2, '0')}`
  })
}
