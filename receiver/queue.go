package receiver

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/dxdash/dxdash/client/webhook"
	"github.com/dxdash/dxdash/syncer"
)

// queue holds the datasets waiting for their GET, first come first served,
// one entry per dataset: an event for a dataset already waiting joins it,
// so a burst of events costs one GET per dataset. An event that arrives
// while its dataset's GET is under way may not be in that GET's answer;
// it waits for the next one, unless the answer is already as new as the
// event (its updated_at at or after the event's created_at).
type queue struct {
	mu      sync.Mutex
	byID    map[string]*waiting
	order   []string
	signal  chan struct{} // a dataset was queued
	idle    chan struct{} // closed and replaced whenever the queue empties
	busy    bool          // a GET is under way
	fetched int
}

type waiting struct {
	first    time.Time // when its first event arrived
	events   []webhook.Event
	inFlight bool
	// later are events that arrived during the GET under way.
	later []webhook.Event
}

func (q *queue) init() {
	q.byID = map[string]*waiting{}
	q.signal = make(chan struct{}, 1)
	q.idle = make(chan struct{})
	close(q.idle)
}

func (q *queue) add(id string, ev webhook.Event, now time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.byID) == 0 && !q.busy {
		q.idle = make(chan struct{})
	}
	w := q.byID[id]
	switch {
	case w == nil:
		q.byID[id] = &waiting{first: now, events: []webhook.Event{ev}}
		q.order = append(q.order, id)
	case w.inFlight:
		w.later = append(w.later, ev)
	default:
		w.events = append(w.events, ev)
	}
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

// next takes the dataset at the head of the queue; ok is false when none
// waits.
func (q *queue) next() (id string, w *waiting, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.order) == 0 {
		return "", nil, false
	}
	id = q.order[0]
	q.order = q.order[1:]
	w = q.byID[id]
	w.inFlight, q.busy = true, true
	return id, w, true
}

// done ends id's GET. answered is the stored updated_at (zero when there
// was no answer). It returns the events the GET served; those that may be
// newer than the answer stay queued.
func (q *queue) done(id string, w *waiting, answered time.Time, now time.Time) []webhook.Event {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.busy = false
	q.fetched++
	served := w.events
	var again []webhook.Event
	for _, ev := range w.later {
		if !answered.IsZero() && !answered.Before(ev.CreatedAt) {
			served = append(served, ev)
		} else {
			again = append(again, ev)
		}
	}
	if len(again) > 0 {
		q.byID[id] = &waiting{first: now, events: again}
		q.order = append(q.order, id)
	} else {
		delete(q.byID, id)
	}
	if len(q.byID) == 0 {
		close(q.idle)
	}
	return served
}

func (q *queue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.byID)
}

func (q *queue) fetches() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.fetched
}

// waitIdle waits until nothing is queued or under way, or ctx ends.
func (q *queue) waitIdle(ctx context.Context) error {
	q.mu.Lock()
	idle := q.idle
	q.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// work makes the queued GETs, one at a time, until ctx ends; and forgets
// event ids older than the retention every pruneEvery.
func (r *Receiver) work(ctx context.Context) {
	clock := r.o.Clock
	r.prune(ctx)
	pruneAt := clock.Now().Add(pruneEvery)
	for {
		id, w, ok := r.q.next()
		if !ok {
			wake, stopWake := clock.Timer(pruneAt.Sub(clock.Now()))
			select {
			case <-ctx.Done():
				stopWake()
				return
			case <-r.q.signal:
				stopWake()
			case <-wake:
				r.prune(ctx)
				pruneAt = clock.Now().Add(pruneEvery)
			}
			continue
		}
		// Events close together share the GET: wait out the window.
		if wait := w.first.Add(r.o.Coalesce).Sub(clock.Now()); wait > 0 {
			fired, stop := clock.Timer(wait)
			select {
			case <-ctx.Done():
				stop()
				return
			case <-fired:
			}
		}
		r.fetch(ctx, id, w)
	}
}

func (r *Receiver) fetch(ctx context.Context, id string, w *waiting) {
	prio := syncer.Background
	if r.o.Interactive {
		prio = syncer.Interactive
	}
	d, found, err := r.o.Syncer.Refresh(ctx, id, prio)
	var answered time.Time
	if found {
		answered = d.UpdatedAt
	}
	if ctx.Err() != nil {
		return // stopping at once: the events stay recorded, the next sync sees the change
	}
	served := r.q.done(id, w, answered, r.o.Clock.Now())
	result := Updated
	switch {
	case err != nil:
		result = Failed
		// The detail is stale; the next sync or screen that wants it
		// fetches it.
		if serr := r.o.Store.MarkStale(ctx, []string{id}); serr != nil {
			r.log(fmt.Sprintf("webhook: could not mark %s stale: %v", id, serr))
		}
	case !found:
		result = NotFound
	}
	for _, ev := range served {
		out := Outcome{EventID: ev.EventID, Type: ev.Type, DatasetID: id, Result: result, Shared: len(served) > 1, Err: err}
		if found {
			out.Status, out.Verified = d.Status, d.IsVerified
		}
		r.report(out)
	}
}

// prune forgets the event ids received before the retention.
func (r *Receiver) prune(ctx context.Context) {
	if _, err := r.o.Store.PruneEvents(ctx, r.o.Clock.Now().Add(-r.o.Retention)); err != nil && ctx.Err() == nil {
		r.log(fmt.Sprintf("webhook: could not forget old event ids: %v", err))
	}
}
