// The timeline of a case (request_events) as a discriminated union: each event type has its own
// data shape, so readers (the clock, the case page, the tracking page) get typed fields instead of
// `String(ev.data.deadline ?? '')`. Rows are append-only except for the fields marked "closed
// later", which mergeEventData sets when the pause, fee notice or extension request is settled.
import type { EventType } from './model.ts';

type Iso = string;

export interface EventData {
  /** Online application (clock starts when staff confirm receipt). */
  submitted: { channel: string; receiptBasis: string | null };
  /** Letter, fax, visit or oral request registered by staff (clock starts on the 第31条 date). */
  registered: { channel: string; receiptBasis: string | null };
  received: { receiptBasis: string };
  assigned: { handlerId: number; handlerName: string; fromId: number | null };
  transferred: { fromOrgId: number; fromOrgName: string; toOrgId: number; toOrgName: string; reason: string };
  correction_sent: { content: string; deadline: Iso; sent?: Iso };
  correction_received: { text: string; documentId: number | null; via: 'staff' | 'applicant'; receivedOn?: Iso };
  correction_expired: { deadline: Iso; outcome: '6.1' };
  pause_start: {
    reason: 'third_party' | 'inter_agency'; party: string; content: string; deadline: Iso; from?: Iso;
    /** Closed later: the day the consultation ended and what came of it. */
    to: Iso | null; result?: 'opinion' | 'no_reply'; opinion?: string;
  };
  pause_end: { startId: number; reason: 'third_party' | 'inter_agency'; party: string; result: 'opinion' | 'no_reply'; opinion: string };
  fee_notice: {
    reason: 'fee'; method: 'item' | 'page'; count: number; yuan: number; deadline: Iso; explanation: string; from?: Iso;
    /** Closed later: paid, or the deadline passed. */
    to: Iso | null; paid?: boolean;
  };
  fee_paid: { noticeId: number; yuan: number };
  fee_expired: { deadline: Iso; outcome: '6.2' };
  extension_requested: {
    days: number; reason: string;
    /** Closed later by the approver. */
    decision: 'approved' | 'rejected' | null; decidedBy?: string; opinion?: string;
  };
  extension_approved: { days: number; requestId: number; reason: string; opinion: string; newDue?: Iso | null };
  extension_rejected: { days: number; requestId: number; opinion: string };
  reply_submitted: { instanceId: number; outcome: string; answerKind: string | null };
  reply_returned: { instanceId: number; step: string; opinion: string | null };
  replied: { outcome: string; answerKind?: string | null; documentId: number; provideBy?: Iso };
  provided: { documentIds: number[] };
  delivered: { documentId: number; method: string; note: string };
  document: Record<string, unknown>;
  due_moved: { from: Iso | null; to: Iso | null; reason: string };
  note: Record<string, unknown>;
}

interface EventBase {
  id: number; caseId: number; occurredOn: Iso; publicNote: string | null; note: string | null;
  actorId: number | null; actorName: string; createdAt: string;
}

/** One timeline row; `type` decides the shape of `data`. */
export type RequestEvent = { [K in EventType]: EventBase & { type: K; data: EventData[K] } }[EventType];
export type EventOf<K extends EventType> = Extract<RequestEvent, { type: K }>;

/** A new row: the type and its data, plus who and when. */
export type NewEvent = { [K in EventType]: {
  caseId: number; type: K; occurredOn: Iso; data: EventData[K]; publicNote?: string | null; note?: string | null;
  actorId: number | null; actorName: string;
} }[EventType];

/** Narrows a row list to one type (with typed data). */
export function eventsOf<K extends EventType>(events: readonly RequestEvent[], type: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.type === type);
}
