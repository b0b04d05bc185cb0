/** Entry point: mounts the app. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

async function start() {
  // `npm run dev` in a plain browser (no Tauri around) runs on the e2e tests' fake backend,
  // so the UI can be worked on alone. Never part of a production build.
  if (import.meta.env.DEV && !('__TAURI_INTERNALS__' in window)) {
    await import('../tests/e2e/fake-backend.js');
  }
  const target = document.getElementById('app');
  if (target) mount(App, { target });
}

void start();
