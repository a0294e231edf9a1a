/** Vite's `?raw` imports: a file's exact text (used for the byte-exact TrialKit fixtures). */
declare module '*?raw' {
  const text: string
  export default text
}
