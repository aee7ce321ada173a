package webhook

import (
	"sync"
	"time"
)

// DefaultDedupeTTL is how long a Deduper remembers an event id. The API
// retries a delivery up to 5 times with exponential backoff, each attempt
// allowed 10 s; a day is far beyond that horizon and still small: one entry
// per event.
const DefaultDedupeTTL = 24 * time.Hour

// Deduper remembers the event ids it has seen for a TTL, so that a retried
// delivery is processed once. Entries expire, so memory stays bounded by the
// delivery rate times the TTL. It is safe for concurrent use.
type Deduper struct {
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	expires map[string]time.Time // event id -> when it is forgotten
	order   []seenEntry          // in the order seen, for expiry
}

type seenEntry struct {
	id      string
	expires time.Time
}

// NewDeduper returns a Deduper remembering ids for ttl (DefaultDedupeTTL
// when ttl <= 0), reading the time from now (time.Now when nil).
func NewDeduper(ttl time.Duration, now func() time.Time) *Deduper {
	if ttl <= 0 {
		ttl = DefaultDedupeTTL
	}
	if now == nil {
		now = time.Now
	}
	return &Deduper{ttl: ttl, now: now, expires: make(map[string]time.Time)}
}

// Seen records eventID and reports whether it was already recorded within
// the TTL. The first call for an id returns false: process the event. If
// processing then fails, Forget the id so that the API's retry is processed.
func (d *Deduper) Seen(eventID string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.expire(now)
	if _, ok := d.expires[eventID]; ok {
		return true
	}
	exp := now.Add(d.ttl)
	d.expires[eventID] = exp
	d.order = append(d.order, seenEntry{id: eventID, expires: exp})
	return false
}

// Forget drops eventID, so its next delivery counts as new.
func (d *Deduper) Forget(eventID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.expires, eventID)
}

// Len is how many ids are remembered now.
func (d *Deduper) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(d.now())
	return len(d.expires)
}

// expire drops the entries whose time has passed. Entries are in the order
// seen, and so in the order they expire: only the front needs looking at.
func (d *Deduper) expire(now time.Time) {
	n := 0
	for n < len(d.order) && !now.Before(d.order[n].expires) {
		e := d.order[n]
		// After Forget and a new Seen, the map holds a later expiry that
		// belongs to a later entry.
		if exp, ok := d.expires[e.id]; ok && exp.Equal(e.expires) {
			delete(d.expires, e.id)
		}
		n++
	}
	// The dead prefix is freed when append next reallocates, so the
	// backing array stays near the peak number of live entries.
	d.order = d.order[n:]
}
