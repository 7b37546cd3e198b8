import { createRoot } from 'react-dom/client';
import { App } from '../jsonforms';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
