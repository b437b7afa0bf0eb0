import { getCurrentInstance, onBeforeUnmount, ref, watch } from 'vue';
import { type DraftFields, type DraftItem, useDraftsStore } from '../stores/drafts.js';

/** Pause in typing after which the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 800;

/** A random v4 UUID; `crypto.randomUUID` exists only on HTTPS or localhost, a self-hosted portal may be neither. */
export function uuid(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => crypto.getRandomValues(b),
): string {
  const b = random(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((n) => n.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const same = (a: DraftFields, b: DraftFields): boolean =>
  a.text === b.text && (a.sender ?? '') === (b.sender ?? '') && (a.recipients ?? '') === (b.recipients ?? '');

/**
 * Saves what `content()` answers as a draft a moment after each change, under one id per composition
 * (the first save creates it). Nothing is saved for an empty form, or when the content is what was last
 * saved or opened; a change still waiting is saved at once when the page is left.
 */
export function useDraftAutosave(content: () => DraftFields, delayMs: number = DRAFT_SAVE_DELAY_MS) {
  const drafts = useDraftsStore();
  const draftId = ref<string | null>(null);
  const savedAt = ref<string | null>(null);
  const saving = ref(false);
  const failed = ref(false);
  let last: DraftFields | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: DraftFields | null = null;

  async function save(value: DraftFields): Promise<void> {
    pending = null;
    if (last && same(value, last)) return;
    if (!draftId.value && value.text.trim() === '' && !value.recipients) return;
    const id = draftId.value ?? uuid();
    draftId.value = id;
    last = value;
    saving.value = true;
    try {
      savedAt.value = (await drafts.save(id, value)).updatedAt;
      failed.value = false;
    } catch {
      // The next change tries again; the composer keeps the text either way.
      failed.value = true;
      last = null;
    } finally {
      saving.value = false;
    }
  }

  watch(
    content,
    (value) => {
      clearTimeout(timer);
      pending = value;
      timer = setTimeout(() => void save(value), delayMs);
    },
    { deep: true },
  );

  /** Continues an existing draft: later changes are saved into it. */
  function adopt(draft: DraftItem): void {
    clearTimeout(timer);
    pending = null;
    draftId.value = draft.id;
    savedAt.value = draft.updatedAt;
    last = { ...draft.content };
  }

  /** The message went out: its draft is not needed any more. */
  async function discard(): Promise<void> {
    clearTimeout(timer);
    pending = null;
    const id = draftId.value;
    draftId.value = null;
    savedAt.value = null;
    last = null;
    if (id) await drafts.remove(id).catch(() => undefined);
  }

  /** Saves a change still waiting for its pause in typing (the page is being left). */
  function flush(): void {
    clearTimeout(timer);
    if (pending) void save(pending);
  }

  if (getCurrentInstance()) onBeforeUnmount(flush);

  return { draftId, savedAt, saving, failed, adopt, discard, flush };
}
