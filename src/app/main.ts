// first: the interface language is chosen before any module reads its strings
import './i18n/locale.svelte.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import { preloadWorker } from './lib/session.ts';

preloadWorker();

const app = mount(App, { target: document.getElementById('app')! });

export default app;
