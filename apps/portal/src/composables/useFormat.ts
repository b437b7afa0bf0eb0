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

const perPart = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 3,
  maximumFractionDigits: 4,
  useGrouping: false,
});

/** A price in tetri as lari: 4500 → "45.00 ₾". The point is the separator on Georgian price tags too. */
export function formatGel(tetri: number): string {
  return `${(tetri / 100).toFixed(2)} ₾`;
}

/** The price of one SMS part: 4.5 tetri → "0.045 ₾", 4.25 → "0.0425 ₾". */
export function formatPerPart(tetri: number): string {
  return `${perPart.format(tetri / 100)} ₾`;
}

/** 12500 → "12 500" (Georgian, with a no-break space) or "12,500" (English). */
export function formatCount(n: number, locale: string): string {
  const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, locale === 'ka' ? '\u00a0' : ',');
  return n < 0 ? `-${grouped}` : grouped;
}

const english = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** Phone numbers and times in the interface language. */
export function useFormat() {
  const { locale } = useI18n();
  const format = computed(() => (locale.value === 'ka' ? formatGeorgianDateTime : (d: Date) => english.format(d)));
  return {
    phone: formatPhone,
    gel: formatGel,
    perPart: formatPerPart,
    count: (n: number): string => formatCount(n, locale.value),
    dateTime: (iso: string): string => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.value(date);
    },
  };
}
