import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** +995599123456 → +995 599 12 34 56, the way Georgian numbers are written; other numbers stay as they are. */
export function formatPhone(e164: string): string {
  const m = /^\+995(\d{3})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+995 ${m[1]} ${m[2]} ${m[3]} ${m[4]}` : e164;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * 22.11.2026 15:46:28, as dates are written in Georgia. Built by hand because browsers without Georgian
 * locale data silently fall back to the US month-first format.
 */
export function formatGeorgianDateTime(date: Date): string {
  const day = `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const english = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** Phone numbers and times in the interface language. */
export function useFormat() {
  const { locale } = useI18n();
  const format = computed(() => (locale.value === 'ka' ? formatGeorgianDateTime : (d: Date) => english.format(d)));
  return {
    phone: formatPhone,
    dateTime: (iso: string): string => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.value(date);
    },
  };
}
