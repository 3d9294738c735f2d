import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  Alert,
  Button,
  Card,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, memo, useCallback, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, type AgendaItem, type AgendaView, ok, type ReadyCase } from '../api/client';
import { isConflict, problemText } from '../api/problems';
import { managesMeetingsOf, useMe } from '../auth/use-me';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { useOrgans } from '../components/queries';
import { formatDate, formatMeeting, MEETING_STATUS_TEXT } from '../format';
import { describeChanges, type Intent, obstacle, placed } from './agenda-changes';
import { Kallelse } from './kallelse';
import { ReadingRoom } from './reading-room';

const KIND_TEXT: Record<string, string> = {
  standing: 'Stående punkt',
  notices: 'Meddelanden',
  'delegation-report': 'Delegationsbeslut',
  case: 'Ärende',
  information: 'Information',
  'motion-report': 'Motionsredovisning',
};

const itemKey = (item: AgendaItem) => `item-${item.id}`;

/** How often the ready list is read again while the builder is open. */
const READY_LIST_REFRESH_MS = 5_000;

/** The agenda builder: the meeting's agenda, built from the organ's ready list. */
export function AgendaPage() {
  const meetingId = Number(useParams().id);
  const me = useMe();
  const organs = useOrgans();
  const agenda = useQuery({
    queryKey: ['agenda', meetingId],
    queryFn: () => ok(api.GET('/api/v1/meetings/{id}', { params: { path: { id: meetingId } } })),
  });
  if (agenda.isPending || me.isPending) return <Loading what="dagordningen" />;
  if (agenda.error) {
    return (
      <>
        <PageTitle title="Dagordningen kunde inte visas">Dagordningen kunde inte visas</PageTitle>
        <ProblemAlert error={agenda.error} />
      </>
    );
  }
  const organ = organs.data?.find((item) => item.id === agenda.data.organId);
  const title = `Dagordning ${organ?.name ?? ''} ${formatDate(agenda.data.startsAt)}`.replace(
    /\s+/g,
    ' ',
  );
  if (!managesMeetingsOf(me.data, agenda.data.organId)) {
    // A member (or anyone who reads the meeting without building it): the reading room.
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <Paragraph>
          {formatMeeting(agenda.data.startsAt)}, {agenda.data.place}. Dina anteckningar till
          punkterna ser bara du.
        </Paragraph>
        <ReadingRoom agenda={agenda.data} />
      </>
    );
  }
  return <Builder agenda={agenda.data} title={title} organKind={organ?.kind} />;
}

function Builder({
  agenda,
  title,
  organKind,
}: {
  agenda: AgendaView;
  title: string;
  organKind: string | undefined;
}) {
  const queryClient = useQueryClient();
  const me = useMe();
  const isAdmin = me.data?.grants.some((grant) => grant.role === 'admin') ?? false;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{
    text: string;
    color: 'success' | 'warning' | 'danger';
  } | null>(null);
  const [optimistic, setOptimistic] = useState<number[] | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const ready = useQuery({
    queryKey: ['ready-cases', agenda.organId],
    queryFn: () =>
      ok(api.GET('/api/v1/organs/{id}/ready-cases', { params: { path: { id: agenda.organId } } })),
    // Cases become ready as other organs adjust their protocols: the list follows by itself.
    refetchInterval: READY_LIST_REFRESH_MS,
  });
  const meetings = useQuery({
    queryKey: ['meetings', agenda.organId],
    queryFn: () =>
      ok(api.GET('/api/v1/meetings', { params: { query: { organId: agenda.organId } } })),
  });
  const editable = agenda.status === 'planned' || agenda.status === 'summoned';
  const items = useMemo(
    () =>
      optimistic
        ? optimistic.map((id) => agenda.items.find((item) => item.id === id)!).filter(Boolean)
        : agenda.items,
    [optimistic, agenda.items],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const store = (next: AgendaView) => queryClient.setQueryData(['agenda', agenda.id], next);

  /** Sends one intent with the version read; on 409 reloads, applies it again once and says what changed. */
  async function perform(intent: Intent) {
    setBusy(true);
    setMessage(null);
    try {
      const next = await send(intent, agenda);
      store(next);
      await afterChange(intent);
    } catch (failure) {
      if (!isConflict(failure)) {
        setMessage({ text: problemText(failure), color: 'danger' });
        return;
      }
      const fresh = await ok(
        api.GET('/api/v1/meetings/{id}', { params: { path: { id: agenda.id } } }),
      );
      const changes = describeChanges(agenda, fresh);
      const reason = obstacle(intent, fresh);
      if (reason) {
        store(fresh);
        setMessage({
          text: `Någon annan ändrade dagordningen innan du (${changes}). Din ändring gjordes inte: ${reason}.`,
          color: 'warning',
        });
        return;
      }
      try {
        store(await send(intent, fresh));
        await afterChange(intent);
        setMessage({
          text: `Någon annan ändrade dagordningen innan du (${changes}). Din ändring är gjord på den nya versionen.`,
          color: 'warning',
        });
      } catch (again) {
        store(fresh);
        setMessage({
          text: `Någon annan ändrade dagordningen (${changes}). ${problemText(again)}`,
          color: 'danger',
        });
      }
    } finally {
      setOptimistic(null);
      setBusy(false);
    }
  }

  async function afterChange(intent: Intent) {
    if (intent.type === 'add-case' || intent.type === 'remove' || intent.type === 'move') {
      await queryClient.invalidateQueries({ queryKey: ['ready-cases', agenda.organId] });
    }
    if (intent.type === 'move')
      await queryClient.invalidateQueries({ queryKey: ['agenda', intent.toMeetingId] });
  }

  // Stable across renders, so that the 60 rows of a long agenda re-render only when they change.
  const latestPerform = useRef(perform);
  latestPerform.current = perform;
  const stablePerform = useCallback((intent: Intent) => void latestPerform.current(intent), []);
  const otherMeetings = useMemo(
    () =>
      (meetings.data?.meetings ?? []).filter(
        (meeting) =>
          meeting.id !== agenda.id &&
          (meeting.status === 'planned' || meeting.status === 'summoned'),
      ),
    [meetings.data, agenda.id],
  );

  function onDragStart(event: DragStartEvent) {
    setDragging(String(event.active.id));
  }

  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const { active, over } = event;
    if (!over) return;
    const activeId = String(active.id);
    const overId = String(over.id);
    if (activeId.startsWith('ready-')) {
      const caseId = Number(activeId.slice('ready-'.length));
      const readyCase = ready.data?.cases.find((item) => item.caseId === caseId);
      if (!readyCase || (overId !== 'agenda' && !overId.startsWith('item-'))) return;
      // Dropped on an item: it takes that item's place; on the list itself: last.
      const overIndex = items.findIndex((item) => itemKey(item) === overId);
      const afterItemId =
        overIndex < 0
          ? (items.at(-1)?.id ?? null)
          : overIndex === 0
            ? null
            : items[overIndex - 1]!.id;
      void perform({ type: 'add-case', caseId, title: readyCase.title, afterItemId });
      return;
    }
    if (activeId === overId || !overId.startsWith('item-')) return;
    const from = items.findIndex((item) => itemKey(item) === activeId);
    const to = items.findIndex((item) => itemKey(item) === overId);
    const ids = items.map((item) => item.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    setOptimistic(ids);
    const position = ids.indexOf(moved!);
    void perform({
      type: 'reorder',
      itemId: moved!,
      afterItemId: position === 0 ? null : ids[position - 1]!,
    });
  }

  const titleOf = (id: string) =>
    id.startsWith('ready-')
      ? (ready.data?.cases.find((item) => `ready-${item.caseId}` === id)?.title ?? 'ärendet')
      : (agenda.items.find((item) => itemKey(item) === id)?.title ?? 'punkten');
  const positionOf = (id: string) => items.findIndex((item) => itemKey(item) === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Du har lyft ”${titleOf(String(active.id))}”.`,
    onDragOver: ({ active, over }) =>
      over
        ? over.id === 'agenda'
          ? `”${titleOf(String(active.id))}” är över dagordningen.`
          : `”${titleOf(String(active.id))}” är nu på plats ${positionOf(String(over.id))} av ${items.length}.`
        : `”${titleOf(String(active.id))}” är utanför dagordningen.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `”${titleOf(String(active.id))}” släpptes på plats ${Math.max(1, positionOf(String(over.id)))}.`
        : 'Flytten avbröts.',
    onDragCancel: ({ active }) => `Flytten av ”${titleOf(String(active.id))}” avbröts.`,
  };

  return (
    <>
      <p className="nf-eyebrow">
        <RouterLink to={`/organ/${agenda.organId}`}>Till organets sida</RouterLink> ·{' '}
        {formatMeeting(agenda.startsAt)}, {agenda.place} ·{' '}
        <Tag data-size="sm">{MEETING_STATUS_TEXT[agenda.status]}</Tag>
        {agenda.status !== 'planned' && agenda.status !== 'cancelled' && (
          <>
            {' '}
            · <RouterLink to={`/moten/${agenda.id}/protokoll`}>Protokollet</RouterLink>
          </>
        )}
        {isAdmin && (
          <>
            {' '}
            ·{' '}
            <RouterLink to={`/administration/handelser?typ=meeting&id=${agenda.id}`}>
              Händelser
            </RouterLink>
          </>
        )}
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <div aria-live="polite" role="status" className="nf-message" data-testid="agenda-message">
        {message && (
          <Alert data-color={message.color} role={message.color === 'danger' ? 'alert' : undefined}>
            {message.text}
          </Alert>
        )}
      </div>
      {!editable && (
        <Alert data-color="info">
          Sammanträdet är {MEETING_STATUS_TEXT[agenda.status]?.toLowerCase()}; dagordningen kan inte
          ändras.
        </Alert>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'Tryck mellanslag för att lyfta punkten. Flytta den med piltangenterna och släpp med mellanslag. Escape avbryter.',
          },
        }}
      >
        <div className="nf-builder">
          <section aria-labelledby="dagordning" className="nf-builder__agenda">
            <Heading level={2} data-size="sm" id="dagordning">
              Dagordning
            </Heading>
            <Paragraph data-size="sm">
              Flytta en punkt genom att dra den, eller med tangentbordet: fokusera på ”Flytta”,
              tryck mellanslag, använd pilarna och tryck mellanslag igen.
            </Paragraph>
            <AgendaList
              agenda={agenda}
              items={items}
              editable={editable && !busy}
              dragging={dragging}
              meetings={otherMeetings}
              perform={stablePerform}
            />
            {editable && <AddInformation disabled={busy} perform={stablePerform} />}
          </section>
          <section aria-labelledby="klara-arenden" className="nf-builder__ready">
            <Heading level={2} data-size="sm" id="klara-arenden">
              Klara för dagordningen
            </Heading>
            <Paragraph data-size="sm">
              Längst väntande först. Dra ett ärende till dagordningen eller använd knappen.
            </Paragraph>
            {ready.isPending && <Loading what="ärenden" />}
            <ProblemAlert error={ready.error} />
            {ready.data?.cases.length === 0 && <Paragraph>Inga ärenden väntar.</Paragraph>}
            <ul className="nf-ready" data-testid="ready-list">
              {ready.data?.cases.map((item) => (
                <ReadyCard
                  key={item.caseId}
                  item={item}
                  disabled={!editable || busy}
                  add={() =>
                    void perform({
                      type: 'add-case',
                      caseId: item.caseId,
                      title: item.title,
                      afterItemId: items.at(-1)?.id ?? null,
                    })
                  }
                />
              ))}
            </ul>
          </section>
        </div>
      </DndContext>
      <Kallelse agenda={agenda} organKind={organKind} disabled={busy} />
    </>
  );
}

/** Sends one intent to the api with this agenda's version; returns the agenda after it. */
async function send(intent: Intent, agenda: AgendaView): Promise<AgendaView> {
  const path = { id: agenda.id };
  const version = agenda.version;
  switch (intent.type) {
    case 'reorder':
      return ok(
        api.PUT('/api/v1/meetings/{id}/order', {
          params: { path },
          body: { version, itemIds: placed(agenda.items, intent.itemId, intent.afterItemId) },
        }),
      );
    case 'add-case': {
      const added = await ok(
        api.POST('/api/v1/meetings/{id}/items', {
          params: { path },
          body: { version, kind: 'case', caseId: intent.caseId },
        }),
      );
      const item = added.items.find((candidate) => candidate.caseId === intent.caseId);
      const wanted = placed(added.items, item!.id, intent.afterItemId);
      if (wanted.join() === added.items.map((candidate) => candidate.id).join()) return added;
      return ok(
        api.PUT('/api/v1/meetings/{id}/order', {
          params: { path },
          body: { version: added.version, itemIds: wanted },
        }),
      );
    }
    case 'add-information':
      return ok(
        api.POST('/api/v1/meetings/{id}/items', {
          params: { path },
          body: { version, kind: 'information', title: intent.title },
        }),
      );
    case 'rename':
      return ok(
        api.PATCH('/api/v1/meetings/{id}/items/{itemId}', {
          params: { path: { ...path, itemId: intent.itemId } },
          body: { version, title: intent.title },
        }),
      );
    case 'close':
      return ok(
        api.PATCH('/api/v1/meetings/{id}/items/{itemId}', {
          params: { path: { ...path, itemId: intent.itemId } },
          body: { version, closedOsl: intent.osl },
        }),
      );
    case 'remove':
      return ok(
        api.DELETE('/api/v1/meetings/{id}/items/{itemId}', {
          params: { path: { ...path, itemId: intent.itemId }, query: { version } },
        }),
      );
    case 'move': {
      const target = await ok(
        api.GET('/api/v1/meetings/{id}', { params: { path: { id: intent.toMeetingId } } }),
      );
      await ok(
        api.POST('/api/v1/meetings/{id}/items/{itemId}/move', {
          params: { path: { ...path, itemId: intent.itemId } },
          body: { version, toMeetingId: intent.toMeetingId, toVersion: target.version },
        }),
      );
      return ok(api.GET('/api/v1/meetings/{id}', { params: { path } }));
    }
  }
}

function AgendaList({
  agenda,
  items,
  editable,
  dragging,
  meetings,
  perform,
}: {
  agenda: AgendaView;
  items: AgendaItem[];
  editable: boolean;
  dragging: string | null;
  meetings: Array<{ id: number; startsAt: string }>;
  perform: (intent: Intent) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: 'agenda' });
  const ids = useMemo(() => items.map(itemKey), [items]);
  return (
    <SortableContext items={ids} strategy={verticalListSortingStrategy}>
      <ol
        ref={setNodeRef}
        className={`nf-agenda${isOver && dragging?.startsWith('ready-') ? ' nf-agenda--over' : ''}`}
        data-testid="agenda"
        data-version={agenda.version}
        aria-label="Dagordningens punkter"
      >
        {items.map((item) => (
          <AgendaRow
            key={item.id}
            item={item}
            editable={editable}
            meetings={meetings}
            perform={perform}
          />
        ))}
      </ol>
    </SortableContext>
  );
}

const AgendaRow = memo(function AgendaRow({
  item,
  editable,
  meetings,
  perform,
}: {
  item: AgendaItem;
  editable: boolean;
  meetings: Array<{ id: number; startsAt: string }>;
  perform: (intent: Intent) => void;
}) {
  const sortable = useSortable({ id: itemKey(item), disabled: !editable });
  const [editing, setEditing] = useState<'title' | 'close' | 'move' | null>(null);
  const style = {
    transform: CSS.Transform.toString(sortable.transform),
    transition: sortable.transition,
  };
  const done = (intent: Intent) => {
    setEditing(null);
    perform(intent);
  };
  return (
    <li
      ref={sortable.setNodeRef}
      style={style}
      className={`nf-agenda__item${sortable.isDragging ? ' nf-agenda__item--dragging' : ''}`}
      data-testid="agenda-item"
      data-item-id={item.id}
    >
      <div className="nf-agenda__row">
        <Button
          variant="tertiary"
          data-size="sm"
          className="nf-handle"
          disabled={!editable}
          {...sortable.attributes}
          {...sortable.listeners}
          aria-label={`Flytta punkt ${item.no}: ${item.title}`}
          aria-roledescription="flyttbar punkt"
        >
          <span aria-hidden="true">⠿</span>
        </Button>
        <span className="nf-agenda__no" aria-hidden="true">
          {item.no}
        </span>
        <div className="nf-agenda__body">
          <span className="nf-agenda__title" data-testid="agenda-title">
            {item.title}
          </span>
          <div className="nf-muted">
            {KIND_TEXT[item.kind]}
            {item.dnr && <> · {item.dnr}</>}
            {item.closedOsl && (
              <>
                {' '}
                ·{' '}
                <Tag data-size="sm" data-color="warning">
                  Utelämnas i offentlig version ({item.closedOsl})
                </Tag>
              </>
            )}
          </div>
          {item.proposalText && (
            <Paragraph data-size="sm">Förslag till beslut: {item.proposalText}</Paragraph>
          )}
        </div>
        {editable && (
          <div className="nf-agenda__actions">
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={() => setEditing(editing === 'title' ? null : 'title')}
              aria-label={`Ändra rubrik för punkt ${item.no}`}
              aria-expanded={editing === 'title'}
            >
              Ändra rubrik
            </Button>
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={() => setEditing(editing === 'close' ? null : 'close')}
              aria-label={`${item.closedOsl ? 'Ta med' : 'Utelämna'} punkt ${item.no} i den offentliga versionen`}
              aria-expanded={editing === 'close'}
            >
              {item.closedOsl ? 'Ta med offentligt' : 'Sekretess'}
            </Button>
            {item.kind === 'case' && meetings.length > 0 && (
              <Button
                variant="tertiary"
                data-size="sm"
                onClick={() => setEditing(editing === 'move' ? null : 'move')}
                aria-label={`Flytta till annat sammanträde: punkt ${item.no}`}
                aria-expanded={editing === 'move'}
              >
                Flytta till annat sammanträde
              </Button>
            )}
            {(item.kind === 'case' || item.kind === 'information') && (
              <Button
                variant="tertiary"
                data-size="sm"
                data-color="danger"
                onClick={() => perform({ type: 'remove', itemId: item.id })}
                aria-label={`Ta bort punkt ${item.no}: ${item.title}`}
              >
                Ta bort
              </Button>
            )}
          </div>
        )}
      </div>
      {editing === 'title' && (
        <InlineForm
          label={`Ny rubrik för punkt ${item.no}`}
          initial={item.title}
          submitText="Spara rubriken"
          onCancel={() => setEditing(null)}
          onSubmit={(title) => done({ type: 'rename', itemId: item.id, title })}
        />
      )}
      {editing === 'close' &&
        (item.closedOsl ? (
          <div className="nf-inline-form">
            <Paragraph data-size="sm">
              Ta med punkten i den offentliga kallelsen och det offentliga protokollet igen?
            </Paragraph>
            <Button
              data-size="sm"
              onClick={() => done({ type: 'close', itemId: item.id, osl: null })}
            >
              Ta med punkten
            </Button>
          </div>
        ) : (
          <InlineForm
            label={`Sekretessbestämmelse (OSL) för punkt ${item.no}`}
            initial="OSL 39 kap. 3 §"
            submitText="Utelämna i offentlig version"
            onCancel={() => setEditing(null)}
            onSubmit={(osl) => done({ type: 'close', itemId: item.id, osl })}
          />
        ))}
      {editing === 'move' && (
        <MoveForm item={item} meetings={meetings} onCancel={() => setEditing(null)} onMove={done} />
      )}
    </li>
  );
});

function InlineForm({
  label,
  initial,
  submitText,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial: string;
  submitText: string;
  onSubmit: (value: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <form
      className="nf-inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim()) onSubmit(value.trim());
      }}
    >
      <Textfield
        label={label}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        autoFocus
        required
      />
      <Button type="submit" data-size="sm">
        {submitText}
      </Button>
      <Button type="button" variant="tertiary" data-size="sm" onClick={onCancel}>
        Avbryt
      </Button>
    </form>
  );
}

function MoveForm({
  item,
  meetings,
  onMove,
  onCancel,
}: {
  item: AgendaItem;
  meetings: Array<{ id: number; startsAt: string }>;
  onMove: (intent: Intent) => void;
  onCancel: () => void;
}) {
  const [target, setTarget] = useState(String(meetings[0]?.id ?? ''));
  return (
    <form
      className="nf-inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        onMove({ type: 'move', itemId: item.id, toMeetingId: Number(target) });
      }}
    >
      <Field>
        <Label htmlFor={`move-${item.id}`}>Flytta punkt {item.no} till</Label>
        <Select
          id={`move-${item.id}`}
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          {meetings.map((meeting) => (
            <Select.Option key={meeting.id} value={meeting.id}>
              {formatMeeting(meeting.startsAt)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Button type="submit" data-size="sm">
        Flytta
      </Button>
      <Button type="button" variant="tertiary" data-size="sm" onClick={onCancel}>
        Avbryt
      </Button>
    </form>
  );
}

function ReadyCard({
  item,
  disabled,
  add,
}: {
  item: ReadyCase;
  disabled: boolean;
  add: () => void;
}) {
  const draggable = useDraggable({ id: `ready-${item.caseId}`, disabled });
  const style = draggable.transform
    ? {
        transform: `translate3d(${draggable.transform.x}px, ${draggable.transform.y}px, 0)`,
        zIndex: 10,
      }
    : undefined;
  return (
    <li
      ref={draggable.setNodeRef}
      style={style}
      data-testid="ready-case"
      data-case-id={item.caseId}
    >
      <Card data-color="neutral" className="nf-ready__card">
        <div className="nf-agenda__row">
          <Button
            variant="tertiary"
            data-size="sm"
            className="nf-handle"
            disabled={disabled}
            {...draggable.attributes}
            {...draggable.listeners}
            aria-label={`Dra ${item.title} till dagordningen`}
          >
            <span aria-hidden="true">⠿</span>
          </Button>
          <div className="nf-agenda__body">
            <strong>
              {item.dnr} {item.title}
            </strong>
            <div className="nf-muted">Klart sedan {formatDate(item.readySince)}</div>
            {item.proposalText && (
              <Paragraph data-size="sm">Förslag till beslut: {item.proposalText}</Paragraph>
            )}
          </div>
        </div>
        <Button
          data-size="sm"
          variant="secondary"
          disabled={disabled}
          onClick={add}
          aria-label={`Lägg till på dagordningen: ${item.title}`}
        >
          Lägg till på dagordningen
        </Button>
      </Card>
    </li>
  );
}

function AddInformation({
  disabled,
  perform,
}: {
  disabled: boolean;
  perform: (intent: Intent) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get('title')).trim();
    if (!title) return;
    perform({ type: 'add-information', title });
    form.current?.reset();
  }
  return (
    <form ref={form} className="nf-inline-form" onSubmit={submit}>
      <Textfield label="Ny informationspunkt" name="title" required />
      <Button type="submit" variant="secondary" disabled={disabled}>
        Lägg till informationspunkt
      </Button>
    </form>
  );
}
