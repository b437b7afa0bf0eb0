import type { RouteRecordRaw } from 'vue-router';
import type { AppTab } from '../components/app/AppTabs.vue';

const param = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Contacts (list, groups, import, stop list), campaigns with templates, and the statistics. */
export const contactRoutes: RouteRecordRaw[] = [
  {
    path: '/contacts',
    component: () => import('../pages/contacts/ContactsPage.vue'),
    meta: { title: 'contacts.title' },
    children: [
      {
        path: '',
        name: 'contacts',
        component: () => import('../pages/contacts/ContactListPage.vue'),
        props: (route) => ({ groupId: param(route.query.group) }),
      },
      {
        path: 'groups',
        name: 'contacts-groups',
        component: () => import('../pages/contacts/GroupsPage.vue'),
        meta: { title: 'groups.title' },
      },
      {
        path: 'import',
        name: 'contacts-import',
        component: () => import('../pages/contacts/ImportPage.vue'),
        meta: { title: 'imports.title' },
      },
      {
        path: 'stop-list',
        name: 'contacts-stop-list',
        component: () => import('../pages/contacts/StopListPage.vue'),
        meta: { title: 'stopList.title' },
      },
    ],
  },
  {
    path: '/campaigns',
    component: () => import('../pages/campaigns/CampaignsPage.vue'),
    meta: { title: 'campaigns.title' },
    children: [
      { path: '', name: 'campaigns', component: () => import('../pages/campaigns/CampaignListPage.vue') },
      {
        path: 'templates',
        name: 'campaigns-templates',
        component: () => import('../pages/campaigns/TemplatesPage.vue'),
        meta: { title: 'templates.title' },
      },
    ],
  },
  {
    path: '/campaigns/new',
    name: 'campaign-new',
    component: () => import('../pages/campaigns/CampaignEditPage.vue'),
    props: (route) => ({ groupId: param(route.query.group) || undefined }),
    meta: { title: 'campaigns.new.title' },
  },
  {
    path: '/campaigns/:id/edit',
    name: 'campaign-edit',
    component: () => import('../pages/campaigns/CampaignEditPage.vue'),
    props: (route) => ({ id: param(route.params.id) }),
    meta: { title: 'campaigns.edit.title' },
  },
  {
    path: '/campaigns/:id',
    name: 'campaign',
    component: () => import('../pages/campaigns/CampaignReportPage.vue'),
    props: (route) => ({ id: param(route.params.id) }),
    meta: { title: 'campaigns.report.title' },
  },
  {
    path: '/statistics',
    name: 'statistics',
    component: () => import('../pages/statistics/StatisticsPage.vue'),
    meta: { title: 'stats.title' },
  },
];

/** The header links for these pages, after "Messages". */
export const contactNavLinks = [
  { to: { name: 'campaigns' }, key: 'campaigns.nav', testid: 'nav-campaigns', section: '/campaigns' },
  { to: { name: 'contacts' }, key: 'contacts.nav', testid: 'nav-contacts', section: '/contacts' },
  { to: { name: 'statistics' }, key: 'stats.nav', testid: 'nav-statistics', section: '/statistics' },
] as const;

export const contactTabs: AppTab[] = [
  { to: { name: 'contacts' }, label: 'contacts.tabs.list', testid: 'tab-contacts' },
  { to: { name: 'contacts-groups' }, label: 'contacts.tabs.groups', testid: 'tab-contacts-groups' },
  { to: { name: 'contacts-import' }, label: 'contacts.tabs.import', testid: 'tab-contacts-import' },
  { to: { name: 'contacts-stop-list' }, label: 'contacts.tabs.stopList', testid: 'tab-contacts-stop-list' },
];

export const campaignTabs: AppTab[] = [
  { to: { name: 'campaigns' }, label: 'campaigns.tabs.list', testid: 'tab-campaigns' },
  { to: { name: 'campaigns-templates' }, label: 'campaigns.tabs.templates', testid: 'tab-campaigns-templates' },
];
