import type { Messages } from './i18n/ka.js';

declare module 'vue-i18n' {
  // Gives `t('…')` key checking and completion in every component.
  export interface DefineLocaleMessage extends Messages {}
}
