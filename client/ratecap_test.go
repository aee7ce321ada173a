package client

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// skippingClock is a Clock for tests against a real server: a wait returns
// at once, moving the clock on by what was asked for, and is recorded, so
// a test knows how long the client would have waited.
type skippingClock struct {
	mu     sync.Mutex
	now    time.Time
	waited time.Duration
}

func newSkippingClock() *skippingClock {
	return &skippingClock{now: time.Date(2026, 4, 13, 12, 0, 0, 0, time.UTC)}
}

func (c *skippingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *skippingClock) Timer(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.waited += d
	fired := make(chan time.Time, 1)
	fired <- c.now
	return fired, func() {}
}

func (c *skippingClock) total() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waited
}

// TestRateResetIsCappedAtAMinute: a 200 saying none remain and that the
// window frees in a week, or in a negative or unreadable time, holds the
// client no longer than the minute a per-minute window takes, and the
// budget's countdown says so.
func TestRateResetIsCappedAtAMinute(t *testing.T) {
	for _, tt := range []struct {
		reset    string
		freesIn  time.Duration // what the budget shows after the first answer
		maxWait  time.Duration // before the second request goes
		asAbsent bool          // read as if the header were not there
	}{
		{reset: "999999", freesIn: window, maxWait: window},
		{reset: "1e300", freesIn: window, maxWait: window},
		{reset: "+Inf", freesIn: window, maxWait: window},
		{reset: "-5", asAbsent: true},
		{reset: "-999999", asAbsent: true},
		{reset: "soon", asAbsent: true},
		{reset: "NaN", asAbsent: true},
		{reset: "0x", asAbsent: true},
		{reset: "", asAbsent: true},
	} {
		t.Run(tt.reset, func(t *testing.T) {
			var log requestLog
			clock := newSkippingClock()
			c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-RateLimit-Limit", "60")
				if log.add(r) == 1 {
					w.Header().Set("X-RateLimit-Remaining", "0")
					if tt.reset != "" {
						w.Header().Set("X-RateLimit-Reset", tt.reset)
					}
				} else {
					w.Header().Set("X-RateLimit-Remaining", "58")
				}
				writeJSON(w, 200, pageOf(""))
			}), WithClock(clock))
			if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
				t.Fatal(err)
			}
			b := c.Budget().Read
			if !b.FromServer || b.Remaining != 0 {
				t.Errorf("budget %+v, want the server's 0 remaining", b)
			}
			if tt.asAbsent {
				// No reset known: the countdown is the client's own, the
				// minute since its one request.
				tt.freesIn, tt.maxWait = window, 0
			}
			if got := b.FreesIn(clock.Now()); got != tt.freesIn {
				t.Errorf("frees in %s, want %s", got, tt.freesIn)
			}
			if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
				t.Fatal(err)
			}
			if got := clock.total(); got > tt.maxWait {
				t.Errorf("the second request waited %s, want at most %s", got, tt.maxWait)
			}
			if n := log.count(); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
		})
	}
}
