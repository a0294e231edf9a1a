/** The part of madge's API the import-cycle test uses (madge ships no types). */
declare module 'madge' {
  interface MadgeResult {
    /** Each module with the modules it imports, paths relative to the base directory. */
    obj(): Record<string, string[]>
    /** Every import cycle, each as the list of modules in it. */
    circular(): string[][]
  }
  interface MadgeConfig {
    fileExtensions?: string[]
    tsConfig?: string
  }
  export default function madge(path: string, config?: MadgeConfig): Promise<MadgeResult>
}
