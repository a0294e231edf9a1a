import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { HookInspectorBridge } from '../../../shared/api'
import type { AppStore } from './app-store'
import type { AllState } from './types'

interface AppContext {
  store: AppStore
  bridge: HookInspectorBridge
}

const Context = createContext<AppContext | null>(null)

/** Provides the store and the bridge it talks to (tests pass a fake bridge). */
export function AppProvider(props: {
  store: AppStore
  bridge: HookInspectorBridge
  children: ReactNode
}) {
  return (
    <Context.Provider value={{ store: props.store, bridge: props.bridge }}>
      {props.children}
    </Context.Provider>
  )
}

function useAppContext(): AppContext {
  const ctx = useContext(Context)
  if (!ctx) throw new Error('AppProvider is missing above this component.')
  return ctx
}

/** Selects from the store; pass a `useShallow` selector when picking several values. */
export function useApp<T>(selector: (state: AllState) => T): T {
  return useStore(useAppContext().store, selector)
}

/** The store itself, for event handlers that read state without subscribing. */
export function useAppStore(): AppStore {
  return useAppContext().store
}

/** The bridge, for the one module that subscribes to live events. */
export function useBridge(): HookInspectorBridge {
  return useAppContext().bridge
}
