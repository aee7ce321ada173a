package fakeapi

import (
	"bytes"
	"container/heap"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dxdash/dxdash/client/webhook"
)

// Webhook delivery: the living account tells a receiver what changed, as
// the real service does (api-reference Part 1, "Webhooks"). Every second on
// the server's clock the sender reads the change log (Server.Changes) and
// turns each change the reference names into an event: a dataset leaving
// processing (extraction.completed or extraction.failed) and ground truth
// arriving (matching.completed). An arrival has no event. Each delivery is
// a POST of the signed payload; a receiver that answers non-2xx, or takes
// longer than DeliveryTimeout, gets the very same body again after a
// backoff that doubles from RetryBackoff, up to MaxRetries times.

// The reference's delivery rules.
const (
	DeliveryTimeout = 10 * time.Second
	MaxRetries      = 5
	// RetryBackoff is the wait before the first retry; each next one waits
	// twice as long (1, 2, 4, 8 and 16 minutes: the last retry comes about
	// 31 minutes after the first attempt, well inside the receivers'
	// 24-hour de-duplication).
	RetryBackoff = time.Minute
	// pollEvery is how often the sender reads the change log.
	pollEvery = time.Second
)

// Webhooks configures delivery (Server.StartWebhooks).
type Webhooks struct {
	// URL is the receiver's endpoint, e.g. http://127.0.0.1:8787/webhooks/dataextractor.
	URL string
	// Secret signs every body. It is never logged.
	Secret []byte
	// Client sends the deliveries (a plain http.Client by default; the
	// 10-second cutoff runs on the server's clock, not the client's).
	Client *http.Client
	// Faults is the share of events (0.0–1.0) given a delivery fault,
	// drawn from the seed: dropped (never delivered), duplicated (delivered
	// twice, same event_id), delayed (by up to MaxDelay) or reordered
	// (held back until the next event has been sent).
	Faults float64
	// FaultKinds limits the faults drawn; empty means all four.
	FaultKinds []DeliveryFault
	// MaxDelay bounds a delayed delivery (30 s by default).
	MaxDelay time.Duration
	// Workers is how many deliveries may be under way at once (4 by
	// default); with 1, deliveries leave in order of their due time.
	Workers int
	// Logf, when set, hears about failed deliveries and retries given up.
	Logf func(format string, args ...any)
}

// DeliveryFault is what a fault does to one event.
type DeliveryFault uint8

// The delivery faults.
const (
	FaultNone DeliveryFault = iota
	FaultDrop
	FaultDuplicate
	FaultDelay
	FaultReorder
)

// DeliveryStats counts what a sender did.
type DeliveryStats struct {
	Events     int // events made (changes and Enqueue), faults included
	Attempts   int // POSTs tried
	Delivered  int // deliveries answered 2xx in time
	Failed     int // attempts answered non-2xx, too slowly, or not at all
	GaveUp     int // deliveries abandoned after MaxRetries retries
	Dropped    int // events a fault dropped
	Duplicated int // events a fault sent twice
	Delayed    int
	Reordered  int
}

// Sender delivers the living account's events to one receiver. Stop ends
// it; deliveries still waiting are abandoned.
type Sender struct {
	srv    *Server
	cfg    Webhooks
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	wake   chan struct{}
	ready  chan *delivery
	faults rng

	mu    sync.Mutex
	queue deliveryHeap
	held  *delivery // a reordered event, waiting for the next one
	seq   uint64
	stats DeliveryStats

	stopped atomic.Bool
}

type delivery struct {
	due     time.Time
	seq     uint64 // ties on due go first come, first served
	body    []byte
	sig     string
	attempt int // retries so far
}

// StartWebhooks starts delivering the events of every change after the
// clock's now to w.URL. It panics without a URL or a secret.
func (s *Server) StartWebhooks(w Webhooks) *Sender {
	if w.URL == "" || len(w.Secret) == 0 {
		panic("fakeapi: webhooks need a URL and a secret")
	}
	if w.Client == nil {
		w.Client = &http.Client{}
	}
	if w.MaxDelay <= 0 {
		w.MaxDelay = 30 * time.Second
	}
	if w.Workers <= 0 {
		w.Workers = 4
	}
	ctx, cancel := context.WithCancel(context.Background())
	snd := &Sender{srv: s, cfg: w, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1),
		ready: make(chan *delivery), faults: newRNG(mix64(s.cfg.Seed), streamWebhookFaults)}
	from := s.cfg.Now()
	snd.wg.Add(1 + w.Workers)
	go snd.schedule(from)
	for range w.Workers {
		go snd.work()
	}
	return snd
}

const streamWebhookFaults = 104

// Stop ends delivery and waits for the sender's goroutines.
func (snd *Sender) Stop() {
	if snd.stopped.Swap(true) {
		return
	}
	snd.cancel()
	snd.wg.Wait()
}

// Stats returns the counts so far.
func (snd *Sender) Stats() DeliveryStats {
	snd.mu.Lock()
	defer snd.mu.Unlock()
	return snd.stats
}

// Pending is how many deliveries wait (first attempts and retries).
func (snd *Sender) Pending() int {
	snd.mu.Lock()
	defer snd.mu.Unlock()
	n := len(snd.queue)
	if snd.held != nil {
		n++
	}
	return n
}

// Enqueue delivers events of the caller's making, signed and retried like
// the account's own, with no fault: for tests (a burst) and demonstrations.
func (snd *Sender) Enqueue(events ...webhook.Event) {
	now := snd.srv.cfg.Now()
	snd.mu.Lock()
	for _, ev := range events {
		snd.stats.Events++
		snd.push(snd.newDelivery(encodeWithStdlib(ev), now))
	}
	snd.mu.Unlock()
	snd.poke()
}

// EventFor is the event a change is reported with; ok is false for a
// change that has none (an arrival).
func (s *Server) EventFor(ch Change) (webhook.Event, bool) {
	ev := webhook.Event{CreatedAt: ch.At.UTC(), Data: webhook.EventData{DatasetID: ch.DatasetID, Status: "complete"}}
	switch ch.Kind {
	case Completed:
		ev.Type = webhook.EventExtractionCompleted
	case Failed:
		ev.Type, ev.Data.Status = webhook.EventExtractionFailed, "failed"
	case Reviewed:
		ev.Type = webhook.EventMatchingCompleted
	default:
		return webhook.Event{}, false
	}
	// The id is a function of the seed and the change, so the same account
	// reports the same event under the same id, however often it is asked.
	h := sha256.New()
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], s.cfg.Seed)
	binary.BigEndian.PutUint64(b[8:], uint64(ch.At.Unix()))
	h.Write(b[:])
	h.Write([]byte{byte(ch.Kind)})
	h.Write([]byte(ch.DatasetID))
	ev.EventID = "evt_" + hex.EncodeToString(h.Sum(nil)[:8])
	return ev, true
}

func (snd *Sender) newDelivery(body []byte, due time.Time) *delivery {
	snd.seq++
	return &delivery{due: due, seq: snd.seq, body: body, sig: webhook.Sign(body, snd.cfg.Secret)}
}

// push queues d; the caller holds snd.mu.
func (snd *Sender) push(d *delivery) { heap.Push(&snd.queue, d) }

func (snd *Sender) poke() {
	select {
	case snd.wake <- struct{}{}:
	default:
	}
}

// schedule reads the change log every pollEvery and hands each delivery
// to a worker when it is due.
func (snd *Sender) schedule(from time.Time) {
	defer snd.wg.Done()
	defer close(snd.ready)
	after := snd.srv.cfg.After
	poll := after(pollEvery)
	for {
		now := snd.srv.cfg.Now()
		snd.mu.Lock()
		var next *delivery
		var wait <-chan time.Time
		if len(snd.queue) > 0 {
			if d := snd.queue[0]; !d.due.After(now) {
				next = heap.Pop(&snd.queue).(*delivery)
			} else {
				wait = after(d.due.Sub(now))
			}
		}
		snd.mu.Unlock()
		if next != nil {
			select {
			case snd.ready <- next:
			case <-snd.ctx.Done():
				return
			}
			continue
		}
		select {
		case <-snd.ctx.Done():
			return
		case <-poll:
			now := snd.srv.cfg.Now()
			snd.collect(snd.srv.Changes(from, now), now)
			from = now
			poll = after(pollEvery)
		case <-wait:
		case <-snd.wake:
		}
	}
}

// collect queues the events of changes, each with its fault.
func (snd *Sender) collect(changes []Change, now time.Time) {
	snd.mu.Lock()
	defer snd.mu.Unlock()
	for _, ch := range changes {
		ev, ok := snd.srv.EventFor(ch)
		if !ok {
			continue
		}
		snd.stats.Events++
		d := snd.newDelivery(encodeWithStdlib(ev), now)
		if held := snd.held; held != nil {
			// The reordered event goes right after this one.
			snd.held = nil
			held.due = now
			snd.push(d)
			snd.seq++
			held.seq = snd.seq
			snd.push(held)
			d = nil
		}
		if d == nil {
			continue
		}
		switch snd.drawFault() {
		case FaultDrop:
			snd.stats.Dropped++
		case FaultDuplicate:
			snd.stats.Duplicated++
			snd.push(d)
			snd.push(snd.newDelivery(d.body, now))
		case FaultDelay:
			snd.stats.Delayed++
			d.due = now.Add(time.Duration(1+snd.faults.intn(int(snd.cfg.MaxDelay/time.Millisecond))) * time.Millisecond)
			snd.push(d)
		case FaultReorder:
			snd.stats.Reordered++
			snd.held = d
		default:
			snd.push(d)
		}
	}
	// A reordered event waits for the next one at most MaxDelay.
	if h := snd.held; h != nil && now.Sub(h.due) >= snd.cfg.MaxDelay {
		snd.held = nil
		snd.push(h)
	}
}

func (snd *Sender) drawFault() DeliveryFault {
	if snd.cfg.Faults <= 0 || !snd.faults.chance(snd.cfg.Faults) {
		return FaultNone
	}
	if k := snd.cfg.FaultKinds; len(k) > 0 {
		return k[snd.faults.intn(len(k))]
	}
	return DeliveryFault(1 + snd.faults.intn(4))
}

// work sends the deliveries the scheduler hands it.
func (snd *Sender) work() {
	defer snd.wg.Done()
	for d := range snd.ready {
		ok := snd.attempt(d)
		snd.mu.Lock()
		snd.stats.Attempts++
		switch {
		case ok:
			snd.stats.Delivered++
		case d.attempt >= MaxRetries:
			snd.stats.Failed++
			snd.stats.GaveUp++
			snd.logf("fakeapi: webhook delivery given up after %d retries", MaxRetries)
		default:
			snd.stats.Failed++
			d.due = snd.srv.cfg.Now().Add(RetryBackoff << d.attempt)
			d.attempt++
			snd.push(d)
		}
		snd.mu.Unlock()
		if !ok {
			snd.poke()
		}
	}
}

// attempt POSTs d once: true when the receiver answered 2xx within
// DeliveryTimeout on the server's clock.
func (snd *Sender) attempt(d *delivery) bool {
	ctx, cancel := context.WithCancel(snd.ctx)
	defer cancel()
	answered := make(chan struct{})
	defer close(answered)
	go func() {
		select {
		case <-snd.srv.cfg.After(DeliveryTimeout):
			cancel()
		case <-answered:
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, snd.cfg.URL, bytes.NewReader(d.body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dataextractor-webhooks/fakeapi")
	req.Header.Set(webhook.SignatureHeader, d.sig)
	resp, err := snd.cfg.Client.Do(req)
	if err != nil {
		if !errors.Is(err, context.Canceled) || snd.ctx.Err() == nil {
			snd.logf("fakeapi: webhook delivery failed (retry %d of %d to come): %v", d.attempt+1, MaxRetries, err)
		}
		return false
	}
	resp.Body.Close()
	if ctx.Err() != nil {
		// The cutoff passed: whatever came, it came too late.
		snd.logf("fakeapi: webhook delivery took longer than %s", DeliveryTimeout)
		return false
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		snd.logf("fakeapi: webhook delivery answered %d", resp.StatusCode)
		return false
	}
	return true
}

func (snd *Sender) logf(format string, args ...any) {
	if snd.cfg.Logf != nil {
		snd.cfg.Logf(format, args...)
	}
}

// deliveryHeap orders deliveries by due time, then first come.
type deliveryHeap []*delivery

func (h deliveryHeap) Len() int { return len(h) }
func (h deliveryHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h deliveryHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *deliveryHeap) Push(x any)   { *h = append(*h, x.(*delivery)) }
func (h *deliveryHeap) Pop() (x any) { old := *h; x = old[len(old)-1]; *h = old[:len(old)-1]; return x }
