import type { Pinia } from 'pinia';
import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { useAuthStore } from '../stores/auth.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    public?: boolean;
    /** i18n key of the page title. */
    title?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: { name: 'send' } },
  {
    path: '/login',
    name: 'login',
    component: () => import('../pages/LoginPage.vue'),
    meta: { public: true, title: 'auth.title' },
  },
  { path: '/send', name: 'send', component: () => import('../pages/SendPage.vue'), meta: { title: 'send.title' } },
  {
    path: '/messages/:id?',
    name: 'messages',
    component: () => import('../pages/MessagesPage.vue'),
    props: (route) => ({ id: typeof route.params.id === 'string' ? route.params.id : undefined }),
    meta: { title: 'messages.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../pages/NotFoundPage.vue'),
    meta: { public: true, title: 'notFound.title' },
  },
];

export function createPortalRouter(pinia: Pinia): Router {
  const router = createRouter({ history: createWebHistory(), routes });

  router.beforeEach(async (to) => {
    const auth = useAuthStore(pinia);
    // A network failure here counts as logged out: the login page then shows the error on submit.
    const user = await auth.ensureSession().catch(() => null);
    if (to.name === 'login' && user) return { name: 'send' };
    if (!to.meta.public && !user) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    return true;
  });

  return router;
}
