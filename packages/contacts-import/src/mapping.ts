/**
 * Where a column goes. `full_name` splits at the first space (first word: first name, the rest: last name);
 * `groups` holds group names separated by commas or semicolons; `custom:<key>` is a custom field.
 */
export type TargetField = 'phone' | 'first_name' | 'last_name' | 'full_name' | 'groups' | 'ignore' | `custom:${string}`;

/** Column index (0 = column A) to target. Columns not listed are ignored. */
export interface ColumnMapping {
  [columnIndex: number]: TargetField;
}

export type Standard = 'phone' | 'first_name' | 'last_name' | 'full_name' | 'name' | 'groups' | 'ignore';

/**
 * Header words, after `normalizeHeader`: Georgian, English, Georgian typed in Latin letters (both the national
 * romanisation and the informal x/q/w spellings), and Russian, which many Georgian offices still use.
 * `name` means first name when the sheet also has a last-name column, and the full name when it has not.
 */
const VOCABULARY: Record<Standard, string[]> = {
  phone: [
    'ტელეფონი',
    'ტელეფონის ნომერი',
    'ტელ',
    'ტელ ნომერი',
    'ტელ ნ',
    'ნომერი',
    'მობილური',
    'მობილურის ნომერი',
    'მობილური ნომერი',
    'მობილური ტელეფონი',
    'მობ',
    'მობ ნომერი',
    'საკონტაქტო ნომერი',
    'საკონტაქტო ტელეფონი',
    'phone',
    'phone number',
    'phone no',
    'phone nr',
    'telephone',
    'tel',
    'tel no',
    'mobile',
    'mobile number',
    'mobile phone',
    'mobile no',
    'cell',
    'cell phone',
    'cellphone',
    'msisdn',
    'number',
    'gsm',
    'contact number',
    'telefoni',
    'telephoni',
    'tel nomeri',
    'nomeri',
    'mobiluri',
    'mobiluri nomeri',
    'mob',
    'mob nomeri',
    'телефон',
    'номер',
    'номер телефона',
    'мобильный',
    'мобильный телефон',
    'моб',
  ],
  first_name: ['first name', 'firstname', 'first', 'given name', 'forename', 'имя'],
  last_name: ['გვარი', 'last name', 'lastname', 'last', 'surname', 'family name', 'gvari', 'фамилия'],
  full_name: [
    'სახელი და გვარი',
    'სახელი გვარი',
    'სრული სახელი',
    'კლიენტი',
    'მომხმარებელი',
    'full name',
    'fullname',
    'name surname',
    'name and surname',
    'first and last name',
    'contact name',
    'customer',
    'customer name',
    'client',
    'client name',
    'saxeli gvari',
    'sakheli gvari',
    'фио',
    'имя фамилия',
  ],
  name: ['სახელი', 'name', 'saxeli', 'sakheli'],
  groups: ['ჯგუფი', 'ჯგუფები', 'group', 'groups', 'jgufi', 'jgupi', 'группа', 'группы'],
  ignore: [
    '',
    '#',
    'n',
    'nn',
    'no',
    '№',
    'n°',
    'რიგითი',
    'რიგითი ნომერი',
    '№ п/п',
    // The columns writeErrorReport adds before the rows it reports.
    'Row / სტრიქონი',
    'Value / მნიშვნელობა',
    'Reason / მიზეზი',
    'Code / კოდი',
  ],
};

const LOOKUP = new Map<string, Standard>();
for (const [target, words] of Object.entries(VOCABULARY) as [Standard, string[]][]) {
  for (const word of words) LOOKUP.set(normalizeHeader(word), target);
}

/** Word stems for headers the list above does not hold exactly ("კლიენტის ტელეფონი", "Mobile (Magti)"). */
const STEMS: [RegExp, Standard][] = [
  [/ტელეფონ|მობილურ|phone|mobile|telefon|телефон/, 'phone'],
  [/სახელ.*გვარ|name.*surname|full.*name/, 'full_name'],
  [/გვარ|surname|last.*name|фамили/, 'last_name'],
  [/first.*name/, 'first_name'],
  [/ჯგუფ|group/, 'groups'],
];

/**
 * Lower case (Georgian Mtavruli to Mkhedruli too), punctuation and brackets to spaces, spaces squeezed:
 * "ტელ. ნომერი:" and "Tel No" meet their vocabulary entries.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[.,:;*_\-–—/\\()[\]{}'"«»„“”!?]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a header names, if it is in the vocabulary. */
export function classifyHeader(header: string): Standard | null {
  const normal = normalizeHeader(header);
  const exact = LOOKUP.get(normal);
  if (exact) return exact;
  for (const [stem, target] of STEMS) if (stem.test(normal)) return target;
  return null;
}

/** A custom field's key: the header as written, trimmed, spaces squeezed, at most 64 characters. */
export function customKey(header: string): string {
  return header.replace(/\s+/g, ' ').trim().slice(0, 64);
}

/**
 * A mapping from the header texts alone. Each standard target goes to the first column that names it; a second
 * phone column becomes a custom field. A name header repeated over two neighbouring columns (Excel's merged header
 * cell) maps to first and last name. Other headers become custom fields keyed by the header; columns without a
 * header are ignored.
 */
export function autoMapColumns(headers: string[]): ColumnMapping {
  const classes = headers.map(classifyHeader);
  const hasLastName = classes.includes('last_name');
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const take = (index: number, target: TargetField): void => {
    let key = target;
    if (used.has(key) && !key.startsWith('custom:')) key = `custom:${customKey(headers[index] ?? '')}`;
    for (let n = 2; used.has(key); n++) key = `custom:${customKey(headers[index] ?? '')} (${n})`;
    used.add(key);
    mapping[index] = key as TargetField;
  };
  for (const [index, header] of headers.entries()) {
    const kind = classes[index] ?? null;
    if (kind === 'ignore' || (kind === null && customKey(header) === '')) mapping[index] = 'ignore';
    else if (kind === null) take(index, `custom:${customKey(header)}`);
    else if (index > 0 && headers[index - 1] === header && mapping[index - 1] === 'full_name') {
      mapping[index - 1] = 'first_name';
      used.delete('full_name');
      used.add('first_name');
      take(index, 'last_name');
    } else if (kind === 'name') take(index, hasLastName ? 'first_name' : 'full_name');
    else take(index, kind);
  }
  return mapping;
}
