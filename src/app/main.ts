import { mount } from 'svelte';
import App from './App.svelte';
import { setLocale } from './i18n/strings.ts';
import { preloadWorker } from './lib/session.ts';

setLocale(navigator.language?.slice(0, 2) ?? 'en');
preloadWorker();

const app = mount(App, { target: document.getElementById('app')! });

export default app;
