import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getBridge } from './bridge/get-bridge'
import { createAppStore } from './store/app-store'
import { AppProvider } from './store/store-context'
import './styles/app.css'
import './styles/a11y.css'
import './styles/motion.css'

const bridge = getBridge()
const store = createAppStore(bridge)

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AppProvider store={store}>
      <App />
    </AppProvider>
  </StrictMode>
)
