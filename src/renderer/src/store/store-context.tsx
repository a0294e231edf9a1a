import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { AppStore } from './app-store'
import type { AllState } from './types'

const Context = createContext<AppStore | null>(null)

/**
 * Provides the store. Components reach the engine only through it: the bridge the store was built
 * around (the real one, or a fake in tests) is not handed to components.
 */
export function AppProvider(props: { store: AppStore; children: ReactNode }) {
  return <Context.Provider value={props.store}>{props.children}</Context.Provider>
}

/** The store itself, for event handlers that read state without subscribing. */
export function useAppStore(): AppStore {
  const store = useContext(Context)
  if (!store) throw new Error('AppProvider is missing above this component.')
  return store
}

/** Selects from the store; pass a `useShallow` selector when picking several values. */
export function useApp<T>(selector: (state: AllState) => T): T {
  return useStore(useAppStore(), selector)
}
