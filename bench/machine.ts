import { cpus, loadavg, platform, release, totalmem } from 'node:os'

export interface MachineInfo {
  cores: number
  cpuModel: string
  node: string
  os: string
  memoryGiB: number
  /** 1-minute load average when the run started: a busy shared machine shows here. */
  loadAverage: number
  date: string
}

/** What the figures depend on, recorded with every run so results can be compared fairly. */
export function machineInfo(): MachineInfo {
  const list = cpus()
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${platform()} ${release()}`,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
    date: new Date().toISOString()
  }
}
