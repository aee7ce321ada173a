package webhook

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeNow is a settable clock.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeNow) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func TestDeduperRecognisesARetriedDelivery(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 4, 12, 9, 33, 41, 0, time.UTC)}
	d := NewDeduper(time.Hour, clock.now)
	ev, err := Parse(payload)
	if err != nil {
		t.Fatal(err)
	}
	if d.Seen(ev.EventID) {
		t.Fatal("first delivery reported as seen")
	}
	clock.advance(59 * time.Minute)
	if !d.Seen(ev.EventID) {
		t.Error("retry within the TTL not recognised")
	}
	if d.Seen("evt_other") {
		t.Error("another event reported as seen")
	}
	clock.advance(time.Minute)
	if d.Seen(ev.EventID) {
		t.Error("still remembered after the TTL")
	}
}

func TestDeduperForget(t *testing.T) {
	clock := &fakeNow{t: time.Unix(0, 0)}
	d := NewDeduper(time.Hour, clock.now)
	d.Seen("evt_1")
	clock.advance(30 * time.Minute)
	d.Forget("evt_1") // processing failed: let the retry through
	if d.Seen("evt_1") {
		t.Error("forgotten id reported as seen")
	}
	// An hour after the first delivery, its stale entry expires; the
	// retry's entry must survive it.
	clock.advance(31 * time.Minute)
	if !d.Seen("evt_1") {
		t.Error("re-recorded id forgotten with its first entry")
	}
}

func TestDeduperMemoryIsBoundedByExpiry(t *testing.T) {
	clock := &fakeNow{t: time.Unix(0, 0)}
	d := NewDeduper(10*time.Minute, clock.now)
	for i := range 10_000 {
		d.Seen("evt_" + strconv.Itoa(i))
		clock.advance(time.Second)
	}
	// One id a second, remembered ten minutes: the last 599 (the one seen
	// exactly ten minutes ago has just expired).
	if n := d.Len(); n != 599 {
		t.Errorf("Len = %d, want 599", n)
	}
	if n := len(d.order); n > 599 {
		t.Errorf("expiry queue holds %d entries", n)
	}
	clock.advance(10 * time.Minute)
	if n := d.Len(); n != 0 {
		t.Errorf("Len = %d after everything expired", n)
	}
}

func TestDeduperIsSafeForConcurrentUse(t *testing.T) {
	d := NewDeduper(0, nil)
	if d.ttl != DefaultDedupeTTL {
		t.Errorf("default TTL = %v", d.ttl)
	}
	var firsts atomic.Int32
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for i := range 50 {
				if !d.Seen("evt_" + strconv.Itoa(i)) {
					firsts.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if got := firsts.Load(); got != 50 {
		t.Errorf("%d deliveries processed, want each of 50 events once", got)
	}
}

// TestDefaultTTLOutlastsTheRetries: five retries with exponential backoff,
// even starting at a generous minute and each taking the full 10 s timeout,
// end long before the default TTL.
func TestDefaultTTLOutlastsTheRetries(t *testing.T) {
	var horizon time.Duration
	for i := range 5 {
		horizon += time.Minute<<i + 10*time.Second
	}
	if DefaultDedupeTTL <= horizon {
		t.Errorf("DefaultDedupeTTL %v is within the retry horizon %v", DefaultDedupeTTL, horizon)
	}
}
