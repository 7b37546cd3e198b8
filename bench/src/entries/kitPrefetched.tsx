import { createRoot } from 'react-dom/client';
import { PrefetchedApp } from '../kit';

const root = document.getElementById('root');
if (root) createRoot(root).render(<PrefetchedApp />);
