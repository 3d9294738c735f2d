import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Body, ok, type ParagraphView, type ProtocolView } from '../api/client';
import { isConflict, problemText } from '../api/problems';

export type ParagraphChange = Omit<
  Body<'/api/v1/protocols/{id}/paragraphs/{paragraphId}', 'patch'>,
  'version'
>;
export type HeadingChange = Omit<Body<'/api/v1/protocols/{id}', 'patch'>, 'version'>;

export const FIELD_TEXT: Record<string, string> = {
  outcome: 'utfallet',
  decisionText: 'beslutstexten',
  yrkanden: 'yrkandena',
  propositionsordning: 'propositionsordningen',
  votering: 'omröstningen',
  reservations: 'reservationerna',
  jav: 'jäven',
  absent: 'vilka som lämnade sammanträdet',
  notes: 'protokollsanteckningarna',
  expediering: 'expedieringen',
};

/** A field's value as the server holds it, to tell whether someone else changed the same field. */
function valueOf(paragraph: ParagraphView | undefined, field: string): unknown {
  if (!paragraph) return undefined;
  if (field === 'outcome' || field === 'decisionText' || field === 'motionAnswer') {
    return paragraph[field];
  }
  const proceedings = paragraph.proceedings as Record<string, unknown>;
  if (field === 'votering') {
    const vote = paragraph.proceedings.votering;
    return vote && { question: vote.question, ballots: vote.ballots };
  }
  return proceedings[field] ?? (field === 'absent' ? [] : undefined);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface SaveConflict {
  paragraphId: number;
  fields: string[];
  change: ParagraphChange;
}

/**
 * Marks how long a paragraph's save took, from the moment it was asked for (the pause in typing,
 * the click) until the saved protocol is shown: `nf-protocol-save` in the page's performance
 * timeline, which the web bench reads.
 */
function measured<T>(save: Promise<T>): Promise<T> {
  const asked = performance.now();
  return save.finally(() =>
    requestAnimationFrame(() => performance.measure('nf-protocol-save', { start: asked })),
  );
}

export type SaveMessage = { text: string; color: 'success' | 'warning' | 'danger' };

/**
 * Saves the protocol's edits one after the other, each on the version the last one left (the
 * protocol's version counts every paragraph's change). On a 409 — someone else saved first — the
 * edit is applied again on their version when they changed other fields, and shown as a conflict
 * to decide when they changed the same ones.
 */
export function useProtocolSaver(meetingId: number, protocol: ProtocolView) {
  const queryClient = useQueryClient();
  const latest = useRef(protocol);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const [message, setMessage] = useState<SaveMessage | null>(null);
  const [conflict, setConflict] = useState<SaveConflict | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  // Edits typed but not yet sent (waiting for a pause), by field: they count as unsaved.
  const [dirty, setDirtyKeys] = useState<ReadonlySet<string>>(new Set());
  const setDirty = useCallback((key: string, isDirty: boolean) => {
    setDirtyKeys((current) => {
      if (current.has(key) === isDirty) return current;
      const next = new Set(current);
      if (isDirty) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  useEffect(() => {
    if (protocol.version > latest.current.version) latest.current = protocol;
  }, [protocol]);

  const store = useCallback(
    (view: ProtocolView) => {
      latest.current = view;
      queryClient.setQueryData(['protocol', meetingId], view);
    },
    [queryClient, meetingId],
  );

  const fresh = useCallback(
    () =>
      ok(api.GET('/api/v1/protocols/{id}', { params: { path: { id: latest.current.id } } })).then(
        (view) => {
          store(view);
          return view;
        },
      ),
    [store],
  );

  /** Runs the task after the ones before it; counts it as pending while it runs. */
  const enqueue = useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    setPending((count) => count + 1);
    const run = chain.current.then(task, task);
    chain.current = run.catch(() => undefined);
    return run.finally(() => setPending((count) => count - 1));
  }, []);

  const patchParagraph = useCallback(
    (paragraphId: number, change: ParagraphChange) =>
      api.PATCH('/api/v1/protocols/{id}/paragraphs/{paragraphId}', {
        params: { path: { id: latest.current.id, paragraphId } },
        body: { ...change, version: latest.current.version },
      }),
    [],
  );

  const saveParagraph = useCallback(
    (paragraphId: number, change: ParagraphChange): Promise<boolean> =>
      measured(
        enqueue(async () => {
          const base = latest.current.paragraphs.find((paragraph) => paragraph.id === paragraphId);
          try {
            store(await ok(patchParagraph(paragraphId, change)));
            setSavedAt(Date.now());
            return true;
          } catch (failure) {
            if (!isConflict(failure)) {
              setMessage({ text: problemText(failure), color: 'danger' });
              return false;
            }
            const now = await fresh();
            if (now.status !== 'draft') {
              setMessage({
                text: 'Protokollet har låsts för justering och kan inte längre ändras här.',
                color: 'warning',
              });
              return false;
            }
            const theirs = now.paragraphs.find((paragraph) => paragraph.id === paragraphId);
            const clashes = Object.keys(change).filter(
              (field) => !same(valueOf(base, field), valueOf(theirs, field)),
            );
            if (clashes.length) {
              setConflict({ paragraphId, fields: clashes, change });
              return false;
            }
            try {
              store(await ok(patchParagraph(paragraphId, change)));
              setSavedAt(Date.now());
              setMessage({
                text: 'Någon annan ändrade protokollet samtidigt. Din ändring är sparad på den nya versionen.',
                color: 'warning',
              });
              return true;
            } catch (again) {
              setMessage({ text: problemText(again), color: 'danger' });
              return false;
            }
          }
        }),
      ),
    [enqueue, fresh, patchParagraph, store],
  );

  /** The heading (attendance, signers, justering): applied again on a newer version once. */
  const saveHeading = useCallback(
    (change: HeadingChange): Promise<boolean> =>
      enqueue(async () => {
        const send = () =>
          ok(
            api.PATCH('/api/v1/protocols/{id}', {
              params: { path: { id: latest.current.id } },
              body: { ...change, version: latest.current.version },
            }),
          );
        try {
          store(await send());
        } catch (failure) {
          if (!isConflict(failure)) {
            setMessage({ text: problemText(failure), color: 'danger' });
            return false;
          }
          await fresh();
          try {
            store(await send());
          } catch (again) {
            setMessage({ text: problemText(again), color: 'danger' });
            return false;
          }
        }
        setSavedAt(Date.now());
        setMessage({ text: 'Närvaron och justeringen är sparade.', color: 'success' });
        return true;
      }),
    [enqueue, fresh, store],
  );

  /** An action on the protocol (lock, immediate justering, written reasons), on the latest version. */
  const act = useCallback(
    (action: (current: ProtocolView) => Promise<ProtocolView>, done: string): Promise<boolean> =>
      enqueue(async () => {
        try {
          store(await action(latest.current));
          setMessage({ text: done, color: 'success' });
          return true;
        } catch (failure) {
          if (isConflict(failure)) await fresh();
          setMessage({ text: problemText(failure), color: 'danger' });
          return false;
        }
      }),
    [enqueue, fresh, store],
  );

  /** The user chose: their own edit over the other's (saved again), or the other's (dropped). */
  const resolve = useCallback(
    (keepMine: boolean) => {
      const open = conflict;
      setConflict(null);
      if (open && keepMine) void saveParagraph(open.paragraphId, open.change);
      else
        setMessage({
          text: 'Den andras ändring gäller; din ändring sparades inte.',
          color: 'warning',
        });
    },
    [conflict, saveParagraph],
  );

  return {
    pending: pending + dirty.size,
    setDirty,
    savedAt,
    message,
    setMessage,
    conflict,
    resolve,
    saveParagraph,
    saveHeading,
    act,
    latest,
  };
}

export type ProtocolSaver = ReturnType<typeof useProtocolSaver>;
