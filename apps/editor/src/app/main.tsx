import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initialLocale, LocaleProvider } from './i18n';
import { Shell } from './shell';
import { ToastProvider } from './ui';
import './styles.css';

document.documentElement.lang = initialLocale();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <LocaleProvider>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </LocaleProvider>
  </StrictMode>,
);
