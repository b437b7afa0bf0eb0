import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** +995599123456 → +995 599 12 34 56, the way Georgian numbers are written; other numbers stay as they are. */
export function formatPhone(e164: string): string {
  const m = /^\+995(\d{3})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+995 ${m[1]} ${m[2]} ${m[3]} ${m[4]}` : e164;
}

/** Date and time in the interface language. */
export function useFormat() {
  const { locale } = useI18n();
  const dateTime = computed(
    () =>
      new Intl.DateTimeFormat(locale.value === 'ka' ? 'ka-GE' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'medium',
      }),
  );
  return {
    phone: formatPhone,
    dateTime: (iso: string): string => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.value.format(date);
    },
  };
}
