import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { SessionProvider } from './auth/session.js';
import { I18nProvider } from './i18n/i18n.js';
// Tokens first: the pages' styles and the kit's are written in them.
import './ui/tokens.css';
import './styles.css';
import './ui/ui.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
