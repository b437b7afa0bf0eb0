import type { ImportPreview, ImportStatus } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

export type Preview = z.infer<typeof ImportPreview>;
export type ImportProgress = z.infer<typeof ImportStatus>;
export type ImportStep = 'upload' | 'mapping' | 'progress';

/**
 * What the page states as the limits. The row limit is `IMPORT_LIMITS.maxRows` of @mtredi/contacts-import;
 * the size is the API's limit on an uploaded body (apps/api/src/http.ts), which is lower than the package's.
 */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 1_000_000;
export const IMPORT_POLL_MS = 1000;

/** Standard targets of a column; `custom:<name>` makes a custom field (a placeholder in templates). */
export const STANDARD_TARGETS = ['phone', 'first_name', 'last_name', 'full_name', 'groups', 'ignore'] as const;
export type StandardTarget = (typeof STANDARD_TARGETS)[number];

export function isCustom(target: string): boolean {
  return target.startsWith('custom:');
}

/** The name of a custom field as the API takes it: letters, digits and _, up to 40. */
export function customFieldName(raw: string): string {
  return raw
    .trim()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/**
 * The column titles for a header row the customer picked. The preview holds the detected header and the
 * rows under it, so a later row can become the header; for an earlier one only the column numbers are known.
 */
export function headersFor(preview: Preview, headerRow: number): string[] {
  const width = Math.max(preview.headers.length, ...preview.rows.map((r) => r.length));
  const offset = headerRow - preview.headerRow;
  const source = offset === 0 ? preview.headers : offset > 0 ? (preview.rows[offset - 1] ?? []) : [];
  return Array.from({ length: width }, (_, i) => source[i] ?? '');
}

/** The preview rows below the chosen header row, each with its row number in the sheet. */
export function rowsFor(preview: Preview, headerRow: number): { number: number; cells: string[] }[] {
  return preview.rows
    .map((cells, i) => ({ number: preview.headerRow + 1 + i, cells }))
    .filter((row) => row.number > headerRow);
}

/** Why the mapping cannot start yet, or null: one phone column, named custom fields, no field twice. */
export function mappingProblem(mapping: Record<string, string>): 'no_phone' | 'two_phones' | 'custom_name' | null {
  const targets = Object.values(mapping);
  const phones = targets.filter((t) => t === 'phone').length;
  if (phones === 0) return 'no_phone';
  if (phones > 1) return 'two_phones';
  if (targets.some((t) => t === 'custom:' || (isCustom(t) && customFieldName(t.slice(7)) === ''))) return 'custom_name';
  return null;
}

/** The import wizard: upload → header row and columns → progress and report. */
export const useImportStore = defineStore('imports', () => {
  const api = useApi();
  const step = ref<ImportStep>('upload');
  const preview = ref<Preview | null>(null);
  const headerRow = ref(1);
  const mapping = ref<Record<string, string>>({});
  const progress = ref<ImportProgress | null>(null);
  /** The group the import adds its contacts to, for the link to them at the end. */
  const groupId = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const finished = computed(() => progress.value?.status === 'completed' || progress.value?.status === 'failed');

  async function upload(file: Blob, fileName: string): Promise<void> {
    const answer = await api.uploadImport(file, fileName);
    preview.value = answer;
    headerRow.value = answer.headerRow;
    mapping.value = { ...answer.mapping };
    progress.value = null;
    step.value = 'mapping';
  }

  async function start(target: string | undefined): Promise<void> {
    if (!preview.value) return;
    const clean = Object.fromEntries(
      Object.entries(mapping.value).map(([column, target]) => [
        column,
        isCustom(target) ? `custom:${customFieldName(target.slice(7))}` : target,
      ]),
    );
    progress.value = await api.startImport(preview.value.id, {
      headerRow: headerRow.value,
      mapping: clean,
      ...(target ? { groupId: target } : {}),
    });
    groupId.value = target ?? null;
    step.value = 'progress';
    follow(IMPORT_POLL_MS);
  }

  /** Asks for the progress until the import has completed or failed; chained, so answers never overlap. */
  function follow(intervalMs: number): void {
    stop();
    const run = generation;
    const id = progress.value?.id;
    if (!id) return;
    const tick = async (): Promise<void> => {
      try {
        const answer = await api.importStatus(id);
        if (run !== generation) return;
        progress.value = answer;
      } catch {
        // The API restarting is not the import failing: ask again.
      }
      if (run === generation && !finished.value) timer = setTimeout(() => void tick(), intervalMs);
    };
    timer = setTimeout(() => void tick(), intervalMs);
  }

  function stop(): void {
    generation += 1;
    clearTimeout(timer);
  }

  const errorsUrl = computed(() => (progress.value ? api.importErrorsUrl(progress.value.id) : ''));

  function reset(): void {
    stop();
    step.value = 'upload';
    preview.value = null;
    mapping.value = {};
    progress.value = null;
    groupId.value = null;
  }

  return {
    step,
    preview,
    headerRow,
    mapping,
    progress,
    groupId,
    finished,
    errorsUrl,
    upload,
    start,
    follow,
    stop,
    reset,
  };
});
