package client

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// maxInAnyWindow is the largest number of times that fall within one
// 60-second window.
func maxInAnyWindow(times []time.Time) int {
	times = slices.Clone(times)
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	most := 0
	for i := range times {
		j := i
		for j < len(times) && times[j].Sub(times[i]) < window {
			j++
		}
		most = max(most, j-i)
	}
	return most
}

func okHandler(log *requestLog) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := log.add(r)
		w.Header().Set("X-Request-Id", "req_"+strconv.Itoa(n))
		writeJSON(w, 200, pageOf(""))
	}
}

// Test61RequestsAt60PerMinuteNeverAllGoOutWithin60s fires 61 requests at once
// and checks when they reach the server.
func Test61RequestsAt60PerMinuteNeverAllGoOutWithin60s(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, okHandler(&log))
		start := time.Now()
		var wg sync.WaitGroup
		for range 61 {
			wg.Go(func() {
				if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()

		times := log.at()
		if len(times) != 61 {
			t.Fatalf("%d requests arrived, want 61", len(times))
		}
		if most := maxInAnyWindow(times); most > 60 {
			t.Errorf("%d requests within one 60 s window, limit 60", most)
		}
		slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
		if span := times[60].Sub(times[0]); span < window {
			t.Errorf("all 61 went out within %v", span)
		}
		// A UI burst goes out at once; the rest are spread, not held back.
		if burst := len(slices.DeleteFunc(slices.Clone(times), func(at time.Time) bool { return at.After(start) })); burst != maxBurst {
			t.Errorf("%d requests at once, want a burst of %d", burst, maxBurst)
		}
		if times[59].Sub(start) > 51*time.Second {
			t.Errorf("the 60th request waited %v; the window allowed it within ~50 s", times[59].Sub(start))
		}
	})
}

// TestSustainedUseStaysAtTheLimit: three minutes of back-to-back requests
// use the budget fully but never exceed it.
func TestSustainedUseStaysAtTheLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, okHandler(&log))
		const n = 180
		for range n {
			if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
				t.Fatal(err)
			}
		}
		times := log.at()
		if most := maxInAnyWindow(times); most > 60 {
			t.Errorf("%d requests within one 60 s window, limit 60", most)
		}
		// Three windows' worth needs a little over two minutes, no more
		// than the window margin per window beyond that.
		if span := times[n-1].Sub(times[0]); span < 2*window || span > 2*window+50*time.Second+3*windowMargin {
			t.Errorf("%d requests took %v", n, span)
		}
	})
}

func TestExtractionLimitIsSmaller(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBucket(DefaultExtractionPerMinute)
		var sent []time.Time
		for len(sent) < 25 {
			now := time.Now()
			if d := b.delay(now); d > 0 {
				time.Sleep(d)
				continue
			}
			b.admit(now)
			sent = append(sent, now)
		}
		if most := maxInAnyWindow(sent); most > DefaultExtractionPerMinute {
			t.Errorf("%d extraction sends within a window, limit %d", most, DefaultExtractionPerMinute)
		}
	})
}

func TestBudgetFromTheLocalCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, okHandler(&log))
		start := time.Now()
		for range 3 {
			if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
				t.Fatal(err)
			}
		}
		b := c.Budget()
		want := Bucket{Limit: 60, Remaining: 57, FreesAt: start.Add(window)}
		if b.Read != want {
			t.Errorf("Read = %+v, want %+v", b.Read, want)
		}
		if b.Extraction != (Bucket{Limit: 10, Remaining: 10}) {
			t.Errorf("Extraction = %+v, untouched want 10/10", b.Extraction)
		}
		if b.LastRequestID != "req_3" || !b.AsOf.Equal(start) {
			t.Errorf("LastRequestID = %q, AsOf = %v", b.LastRequestID, b.AsOf)
		}
		if got := b.Read.FreesIn(time.Now()); got != window {
			t.Errorf("FreesIn = %v, want 60s", got)
		}

		time.Sleep(window)
		if b := c.Budget().Read; b.Remaining != 60 || !b.FreesAt.IsZero() {
			t.Errorf("a minute later: %+v, want the full 60 back", b)
		}
	})
}

// rateHeadersHandler answers with X-RateLimit-* figures from fn.
func rateHeadersHandler(log *requestLog, fn func(n int) (limit, remaining, reset int)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := log.add(r)
		limit, remaining, reset := fn(n)
		w.Header().Set("X-RateLimit-Limit", strconv.Itoa(limit))
		w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
		w.Header().Set("X-RateLimit-Reset", strconv.Itoa(reset))
		writeJSON(w, 200, pageOf(""))
	}
}

func TestBudgetFromServerHeaders(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, rateHeadersHandler(&log, func(int) (int, int, int) { return 100, 42, 7 }))
		if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		want := Bucket{Limit: 100, Remaining: 42, FreesAt: now.Add(7 * time.Second), FromServer: true}
		if got := c.Budget().Read; got != want {
			t.Errorf("Read = %+v, want %+v", got, want)
		}
		// Once a whole window has passed, everything the server counted
		// has left it.
		time.Sleep(window)
		if got := c.Budget().Read; got.Remaining != 100 || !got.FromServer || !got.FreesAt.IsZero() {
			t.Errorf("a minute later: %+v", got)
		}
	})
}

func TestServerSayingNoneRemainIsWaitedOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, rateHeadersHandler(&log, func(n int) (int, int, int) {
			if n == 1 {
				return 60, 0, 30 // someone else used this key's budget
			}
			return 60, 5, 1
		}))
		for range 2 {
			if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
				t.Fatal(err)
			}
		}
		if got := sinceStart(log.at()); got[1] != 30*time.Second {
			t.Errorf("requests at %v, want the second at 30s", got)
		}
		if got := c.Budget().Read; got.Remaining != 5 || !got.FromServer {
			t.Errorf("budget after = %+v", got)
		}
	})
}

func TestInFlightIsCounted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			<-release
			writeJSON(w, 200, pageOf(""))
		}))
		done := make(chan struct{})
		for range 2 {
			go func() {
				c.ListDatasets(context.Background(), ListParams{})
				done <- struct{}{}
			}()
		}
		synctest.Wait()
		if got := c.Budget().Read; got.InFlight != 2 || got.Remaining != 58 {
			t.Errorf("while waiting for answers: %+v, want 2 in flight, 58 remaining", got)
		}
		close(release)
		<-done
		<-done
		if got := c.Budget().Read.InFlight; got != 0 {
			t.Errorf("InFlight = %d after the answers", got)
		}
	})
}

func TestObserverIsCalledAfterEachChange(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var seen []Budget
		var c *Client
		var log requestLog
		c = newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if log.add(r) == 1 {
				w.Header().Set("Retry-After", "2")
				writeDetail(w, 429, "rate limit exceeded")
				return
			}
			writeJSON(w, 200, pageOf(""))
		}), WithBudgetObserver(func(b Budget) {
			// Reading the budget from inside the observer would deadlock
			// if the client called it while holding its lock.
			_ = c.Budget()
			mu.Lock()
			seen = append(seen, b)
			mu.Unlock()
		}))
		if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		// Admitted, 429 + block, admitted again, answered.
		if len(seen) != 4 {
			t.Fatalf("observer called %d times, want 4: %+v", len(seen), seen)
		}
		if seen[0].Read.InFlight != 1 {
			t.Errorf("first call %+v, want the request in flight", seen[0].Read)
		}
		if seen[1].Read.InFlight != 0 || seen[1].Read.BlockedUntil.IsZero() {
			t.Errorf("second call %+v, want the 429 block", seen[1].Read)
		}
		if last := seen[3].Read; last.InFlight != 0 || !last.BlockedUntil.IsZero() || last.Remaining != 59 {
			t.Errorf("last call %+v, want 59 remaining, no block", last)
		}
	})
}

// manualClock is a Clock that only moves when told.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Timer fires at once: this clock is for tests that never wait.
func (c *manualClock) Timer(time.Duration) (<-chan time.Time, func()) {
	fired := make(chan time.Time, 1)
	fired <- c.Now()
	return fired, func() {}
}

func TestWithClockDrivesTheBudget(t *testing.T) {
	clock := &manualClock{now: time.Date(2026, 4, 13, 12, 0, 0, 0, time.UTC)}
	var log requestLog
	c := newMemoryClient(t, okHandler(&log), WithClock(clock))
	if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
		t.Fatal(err)
	}
	b := c.Budget()
	if b.Read.Remaining != 59 || !b.Read.FreesAt.Equal(clock.Now().Add(window)) || !b.AsOf.Equal(clock.Now()) {
		t.Errorf("budget = %+v", b)
	}
	clock.advance(59 * time.Second)
	if got := c.Budget().Read.Remaining; got != 59 {
		t.Errorf("after 59 s Remaining = %d, want 59", got)
	}
	clock.advance(time.Second)
	if got := c.Budget().Read.Remaining; got != 60 {
		t.Errorf("after 60 s Remaining = %d, want 60", got)
	}
}

func TestRateHeaderParsing(t *testing.T) {
	tests := []struct {
		limit, remaining, reset string
		want                    rateHeaders
		ok                      bool
	}{
		{"60", "12", "7", rateHeaders{60, 12, 7 * time.Second}, true},
		{"60", "0", "", rateHeaders{60, 0, 0}, true},
		{"60", "99", "1.5", rateHeaders{60, 60, 1500 * time.Millisecond}, true},
		{"", "12", "7", rateHeaders{}, false},
		{"60", "", "7", rateHeaders{}, false},
		{"sixty", "12", "7", rateHeaders{}, false},
		{"60", "-1", "7", rateHeaders{}, false},
		{"0", "0", "0", rateHeaders{}, false},
		// Reset: capped at the minute a window takes; negative or
		// unreadable is unknown, 0.
		{"60", "0", "999999", rateHeaders{60, 0, window}, true},
		{"60", "0", "60.5", rateHeaders{60, 0, window}, true},
		{"60", "0", "-3", rateHeaders{60, 0, 0}, true},
		{"60", "0", "in a bit", rateHeaders{60, 0, 0}, true},
		{"60", "0", "NaN", rateHeaders{60, 0, 0}, true},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range map[string]string{"X-RateLimit-Limit": tt.limit, "X-RateLimit-Remaining": tt.remaining, "X-RateLimit-Reset": tt.reset} {
			if v != "" {
				h.Set(k, v)
			}
		}
		got, ok := parseRateHeaders(h)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parse(%q, %q, %q) = %+v, %v; want %+v, %v", tt.limit, tt.remaining, tt.reset, got, ok, tt.want, tt.ok)
		}
	}
}

// TestALowerServerLimitIsRespected: configured for 60, talking to a server
// that allows 20 and sends no X-RateLimit-Reset (so the client cannot know
// when it frees), the client keeps to 20 per window by itself.
func TestALowerServerLimitIsRespected(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		var mu sync.Mutex
		var admitted []time.Time
		c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			log.add(r)
			mu.Lock()
			defer mu.Unlock()
			now := time.Now()
			admitted = slices.DeleteFunc(admitted, func(at time.Time) bool { return now.Sub(at) >= window })
			if len(admitted) >= 20 {
				w.Header().Set("Retry-After", "1")
				writeDetail(w, 429, "rate limit exceeded")
				return
			}
			admitted = append(admitted, now)
			w.Header().Set("X-RateLimit-Limit", "20")
			w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(20-len(admitted)))
			writeJSON(w, 200, pageOf(""))
		}))
		for range 45 {
			if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
				t.Fatal(err)
			}
		}
		if n := log.count(); n != 45 {
			t.Errorf("%d requests for 45 calls: the client earned %d 429s", n, n-45)
		}
		if b := c.Budget().Read; b.Limit != 20 || !b.FromServer {
			t.Errorf("budget = %+v, want the server's limit of 20", b)
		}
	})
}
