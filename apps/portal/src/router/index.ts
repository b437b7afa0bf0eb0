import type { SessionUser } from '@mtredi/api-contract';
import type { Pinia } from 'pinia';
import { createRouter, createWebHistory, type RouteLocationRaw, type RouteRecordRaw, type Router } from 'vue-router';
import { useAuthStore } from '../stores/auth.js';
import { contactRoutes } from './routes-contacts.js';
import { senderRoutes } from './routes-senders.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (login, registration). */
    public?: boolean;
    /** Only without a session: a logged-in user is sent home. */
    guestOnly?: boolean;
    /** Who may open it; default `customer`. Staff have no organization to send from, customers no staff area. */
    area?: 'customer' | 'staff' | 'any';
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
    meta: { public: true, guestOnly: true, title: 'auth.title' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('../pages/RegisterPage.vue'),
    meta: { public: true, guestOnly: true, title: 'register.title' },
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
    path: '/billing',
    component: () => import('../pages/BillingPage.vue'),
    meta: { title: 'billing.title' },
    children: [
      { path: '', name: 'billing', component: () => import('../pages/billing/BillingOverviewPage.vue') },
      {
        path: 'history',
        name: 'billing-history',
        component: () => import('../pages/billing/BillingHistoryPage.vue'),
        meta: { title: 'ledger.title' },
      },
    ],
  },
  {
    path: '/settings',
    component: () => import('../pages/SettingsPage.vue'),
    meta: { title: 'settings.title' },
    children: [
      { path: '', redirect: { name: 'settings-organization' } },
      {
        path: 'organization',
        name: 'settings-organization',
        component: () => import('../pages/settings/OrganizationPage.vue'),
        meta: { title: 'organization.title' },
      },
      {
        path: 'members',
        name: 'settings-members',
        component: () => import('../pages/settings/MembersPage.vue'),
        meta: { title: 'members.title' },
      },
      {
        path: 'api-keys',
        name: 'settings-api-keys',
        component: () => import('../pages/settings/ApiKeysPage.vue'),
        meta: { title: 'apiKeys.title' },
      },
      {
        path: 'security',
        name: 'settings-security',
        component: () => import('../pages/settings/SecurityPage.vue'),
        meta: { area: 'any', title: 'security.title' },
      },
    ],
  },
  {
    path: '/admin',
    component: () => import('../pages/AdminPage.vue'),
    meta: { area: 'staff', title: 'admin.title' },
    children: [
      { path: '', redirect: { name: 'admin-organizations' } },
      {
        path: 'organizations',
        name: 'admin-organizations',
        component: () => import('../pages/admin/AdminOrganizationsPage.vue'),
        meta: { title: 'admin.organizations.title' },
      },
      {
        path: 'top-ups',
        name: 'admin-top-ups',
        component: () => import('../pages/admin/AdminTopUpsPage.vue'),
        meta: { title: 'admin.topUps.title' },
      },
      {
        path: 'packages',
        name: 'admin-packages',
        component: () => import('../pages/admin/AdminPackagesPage.vue'),
        meta: { title: 'admin.packages.title' },
      },
    ],
  },
  ...senderRoutes,
  ...contactRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../pages/NotFoundPage.vue'),
    meta: { public: true, area: 'any', title: 'notFound.title' },
  },
];

/** Where a user lands after logging in, and where a page they may not open sends them. */
export function homeFor(user: SessionUser): RouteLocationRaw {
  return user.role === 'staff' ? { name: 'admin-organizations' } : { name: 'send' };
}

export function createPortalRouter(pinia: Pinia): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    // A new page starts at its top (the long registration form would otherwise leave the next page scrolled);
    // back and forward restore where the user was.
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach(async (to) => {
    const auth = useAuthStore(pinia);
    // A network failure here counts as logged out: the login page then shows the error on submit.
    const user = await auth.ensureSession().catch(() => null);
    if (to.meta.guestOnly && user) return homeFor(user);
    if (!to.meta.public && !user) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    const area = to.meta.area ?? 'customer';
    if (user && area !== 'any' && (area === 'staff') !== (user.role === 'staff')) return homeFor(user);
    return true;
  });

  return router;
}
