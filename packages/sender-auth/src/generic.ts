import { foldSpelling } from './normalize.js';

/**
 * Words that name no one, so operators refuse them as sender names (May 2020: "Fasdakleba", "Kuradgeba";
 * aggregators: INFO, SMS, NOTICE). Georgian words are listed in their common Latin spellings; comparison
 * folds spellings anyway (see `genericNameKey`), so staff need not list every variant. The API keeps the
 * editable copy; this is its starting content.
 */
export const DEFAULT_GENERIC_NAMES: readonly string[] = [
  // Georgian, Latin spellings (meaning in brackets)
  'Fasdakleba', // ფასდაკლება (discount)
  'Pasdakleba',
  'Fasdaklebebi',
  'Kuradgeba', // ყურადღება (attention)
  'Yuradgheba',
  'Quradgheba',
  'Aqcia', // აქცია (promotion)
  'Aktsia',
  'Sachuqari', // საჩუქარი (gift)
  'Siakhle', // სიახლე (news)
  'Siaxle',
  'Shetavazeba', // შეთავაზება (offer)
  'Gilocavt', // გილოცავთ (congratulations)
  'Informacia', // ინფორმაცია (information)
  'Shetyobineba', // შეტყობინება (message)
  'Gafrtxileba', // გაფრთხილება (warning)
  'Gayidva', // გაყიდვა (sale)
  'Fasebi', // ფასები (prices)
  'Axali', // ახალი (new)
  'Maghazia', // მაღაზია (shop)
  'Shekveta', // შეკვეთა (order)
  'Miwodeba', // მიწოდება (delivery)
  'Bonusi',
  'Kodi',
  'Paroli',
  'Servisi',
  'Banki',
  'Taxi',
  'Kompania',
  // English
  'Info',
  'Information',
  'SMS',
  'Sale',
  'Sales',
  'Discount',
  'Promo',
  'Promotion',
  'Offer',
  'News',
  'Notice',
  'Notification',
  'Alert',
  'Attention',
  'Message',
  'Bonus',
  'Gift',
  'Code',
  'OTP',
  'Verify',
  'Password',
  'Security',
  'Test',
  'Sender',
  'Service',
  'Support',
  'Admin',
  'Shop',
  'Store',
  'Market',
  'Bank',
  'Delivery',
  'Order',
  'Payment',
  'Company',
  'Police',
];

/**
 * The comparison key of a name or list entry: Latin (Georgian transliterated), lower case, letters and
 * digits only, informal Georgian spellings folded. Two names with the same key are the same word.
 */
export function genericNameKey(name: string): string {
  return foldSpelling(name);
}

/** Shortest list entry that may be a piece of a compound ("SMSInfo"); shorter ones only match whole names. */
const MIN_PIECE = 3;

/**
 * True when the name is a listed word, ignoring case, spaces, punctuation and spelling variants, or is
 * made only of listed words ("SMS Info", "SaleInfo"): nobody is named by gluing generic words together.
 */
export function isGenericName(name: string, genericNames: readonly string[]): boolean {
  const key = genericNameKey(name);
  if (key.length === 0) return false;
  const keys = new Set(genericNames.map(genericNameKey).filter((k) => k.length > 0));
  if (keys.has(key)) return true;
  const pieces = [...keys].filter((k) => k.length >= MIN_PIECE);
  // reachable[i]: key.slice(0, i) is a concatenation of pieces
  const reachable = new Array<boolean>(key.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < key.length; i++) {
    if (!reachable[i]) continue;
    for (const piece of pieces) {
      if (key.startsWith(piece, i)) reachable[i + piece.length] = true;
    }
  }
  return reachable[key.length] === true;
}
