import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getBridge } from './bridge/get-bridge'
import { createAppStore } from './store/app-store'
import { AppProvider } from './store/store-context'
import './styles/app.css'

const bridge = getBridge()
const store = createAppStore(bridge)

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AppProvider store={store}>
      <App />
    </AppProvider>
  </StrictMode>
)
