import {
  type AdminSenderName,
  type AuthorizationState,
  type DecisionResults,
  OperatorCode,
  type SenderHistoryEntry,
  type SenderName,
} from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';
import type { SenderBatch } from '../api/senders.js';

export type HistoryEntry = z.infer<typeof SenderHistoryEntry>;
export type QueuedSender = z.infer<typeof AdminSenderName>;
export type DecisionResult = z.infer<typeof DecisionResults>['items'][number];

/** Magti, Silknet, Cellfie: the order of the operator columns everywhere. */
export const OPERATORS: readonly OperatorCode[] = OperatorCode.options;

/** The operators that authorized the name: messages to their numbers may use it. */
export function activeOperators(sender: Pick<SenderName, 'operators'>): OperatorCode[] {
  return OPERATORS.filter((operator) => sender.operators[operator]?.state === 'active');
}

/** A name can be chosen for sending when at least one operator authorized it. */
export function isUsable(sender: Pick<SenderName, 'status'>): boolean {
  return sender.status === 'active' || sender.status === 'partly_active';
}

/** The organisation's sender names, each with every operator's authorization. */
export const useSendersStore = defineStore('senders', () => {
  const api = useApi();
  const items = ref<SenderName[]>([]);
  const loaded = ref(false);

  const usable = computed(() => items.value.filter(isUsable));

  async function load(): Promise<void> {
    items.value = (await api.listSenders()).items;
    loaded.value = true;
  }

  /** The API refuses bad names with a detail per broken rule; the new name joins the list in name order. */
  async function request(name: string): Promise<SenderName> {
    const created = await api.requestSender(name);
    items.value = [...items.value.filter((s) => s.id !== created.id), created].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    return created;
  }

  async function remove(id: string): Promise<void> {
    await api.deleteSender(id);
    items.value = items.value.filter((s) => s.id !== id);
  }

  async function history(id: string): Promise<HistoryEntry[]> {
    return (await api.senderHistory(id)).items;
  }

  return { items, loaded, usable, load, request, remove, history };
});

/** Staff: names by authorization state and operator, batches for operators and their decisions. */
export const useSenderQueueStore = defineStore('senderQueue', () => {
  const api = useApi();
  const items = ref<QueuedSender[]>([]);
  const loaded = ref(false);
  const state = ref<AuthorizationState>('requested');
  const operator = ref<OperatorCode | null>(null);

  async function load(): Promise<void> {
    items.value = (await api.listSenderQueue({ state: state.value, operator: operator.value ?? undefined })).items;
    loaded.value = true;
  }

  /** The names become `submitted`; the list then shows them there, ready for the operator's answer. */
  async function exportBatch(forOperator: OperatorCode): Promise<SenderBatch> {
    const batch = await api.exportSenderBatch(forOperator);
    operator.value = forOperator;
    if (batch.count > 0) state.value = 'submitted';
    await load();
    return batch;
  }

  async function decide(
    forOperator: OperatorCode,
    ids: string[],
    decision: 'approve' | 'reject',
    reason?: string,
  ): Promise<DecisionResult[]> {
    const decisions = ids.map((senderId) => ({ senderId, decision, ...(reason ? { reason } : {}) }));
    const { items: results } = await api.recordSenderDecisions(forOperator, decisions);
    await load();
    return results;
  }

  async function importAnswer(forOperator: OperatorCode, workbook: Blob): Promise<DecisionResult[]> {
    const { items: results } = await api.importSenderDecisions(forOperator, workbook);
    await load();
    return results;
  }

  async function override(id: string, reason: string): Promise<void> {
    await api.overrideSenderMatch(id, reason);
    await load();
  }

  async function revoke(id: string, forOperator: OperatorCode, reason: string): Promise<void> {
    await api.revokeSender(id, forOperator, reason);
    await load();
  }

  async function demandReauthorization(request: { reason: string; noticeKa: string; noticeEn: string }) {
    const result = await api.demandReauthorization(request);
    await load();
    return result;
  }

  return {
    items,
    loaded,
    state,
    operator,
    load,
    exportBatch,
    decide,
    importAnswer,
    override,
    revoke,
    demandReauthorization,
  };
});
