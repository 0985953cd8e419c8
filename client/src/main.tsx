import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createBlogApi } from './api';
import type { OpenEventSource } from './live-feed';
import './styles.css';

const openEventSource: OpenEventSource = (url) => new EventSource(url);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App api={createBlogApi()} openEventSource={openEventSource} />
  </StrictMode>,
);
