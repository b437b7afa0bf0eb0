import type { RouteRecordRaw } from 'vue-router';
import type { AppTab } from '../components/app/AppTabs.vue';

const AdminPage = () => import('../pages/AdminPage.vue');

/**
 * Sender names for customers; the sender queue, notices and channels in the staff area. The staff pages
 * share the `/admin` layout through a second record for the same path: vue-router matches each child by
 * its full path, and both records send a bare `/admin` to the organizations tab.
 */
export const senderRoutes: RouteRecordRaw[] = [
  {
    path: '/senders',
    name: 'senders',
    component: () => import('../pages/senders/SendersPage.vue'),
    meta: { title: 'senders.title' },
  },
  {
    path: '/admin',
    component: AdminPage,
    meta: { area: 'staff', title: 'admin.title' },
    children: [
      { path: '', redirect: { name: 'admin-organizations' } },
      {
        path: 'senders',
        name: 'admin-senders',
        component: () => import('../pages/admin/AdminSendersPage.vue'),
        meta: { title: 'senderQueue.title' },
      },
      {
        path: 'notices',
        name: 'admin-notices',
        component: () => import('../pages/admin/AdminNoticesPage.vue'),
        meta: { title: 'notices.admin.title' },
      },
      {
        path: 'channels',
        name: 'admin-channels',
        component: () => import('../pages/admin/AdminChannelsPage.vue'),
        meta: { title: 'channels.title' },
      },
    ],
  },
];

/** The staff area's tabs for these pages, after the accounts, payments and packages tabs. */
export const senderAdminTabs: AppTab[] = [
  { to: { name: 'admin-senders' }, label: 'senderQueue.tab', testid: 'tab-admin-senders' },
  { to: { name: 'admin-notices' }, label: 'notices.admin.tab', testid: 'tab-admin-notices' },
  { to: { name: 'admin-channels' }, label: 'channels.tab', testid: 'tab-admin-channels' },
];
