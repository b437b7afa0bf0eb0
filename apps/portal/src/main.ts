import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import { createApp } from 'vue';
import App from './App.vue';
import { createApiClient, setApiClient } from './api/index.js';
import { createPortalI18n } from './i18n/index.js';
import { createPortalRouter } from './router/index.js';
import { useAuthStore } from './stores/auth.js';
import { MtrediPreset } from './theme.js';
import './styles/main.css';

const pinia = createPinia();
// Set before any store exists: stores take the client when they are first used.
setApiClient(createApiClient({ onUnauthorized: () => useAuthStore(pinia).sessionEnded() }));
const app = createApp(App);
app.use(pinia);
app.use(createPortalI18n());
app.use(createPortalRouter(pinia));
app.use(PrimeVue, {
  theme: {
    preset: MtrediPreset,
    // Light only for now; the class is never set, so an OS dark preference does not half-apply.
    options: { darkModeSelector: '.mtredi-dark', cssLayer: false },
  },
});
app.use(ConfirmationService);
app.mount('#app');
