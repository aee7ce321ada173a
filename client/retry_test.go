package client

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// sinceStart gives each request's arrival relative to the first.
func sinceStart(times []time.Time) []time.Duration {
	out := make([]time.Duration, len(times))
	for i, at := range times {
		out[i] = at.Sub(times[0])
	}
	return out
}

func TestServerErrorsAreRetriedWithBackoffThenSucceed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		statuses := []int{500, 502, 503}
		c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n := log.add(r); n <= len(statuses) {
				writeDetail(w, statuses[n-1], "try again")
				return
			}
			writeJSON(w, 200, pageOf("", "ds_1"))
		}))
		c.jitter = slowestJitter

		page, err := c.ListDatasets(context.Background(), ListParams{})
		if err != nil {
			t.Fatalf("err = %v, want success on the fourth attempt", err)
		}
		if len(page.Data) != 1 {
			t.Errorf("page = %+v", page)
		}
		// 500 ms, 1 s, 2 s: the default ceilings, doubled each time.
		want := []time.Duration{0, 500 * time.Millisecond, 1500 * time.Millisecond, 3500 * time.Millisecond}
		got := sinceStart(log.at())
		if len(got) != len(want) {
			t.Fatalf("requests at %v, want at %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("requests at %v, want at %v", got, want)
				break
			}
		}
	})
}

func TestBackoffGrowsToTheCapWithFullJitter(t *testing.T) {
	c, err := New("https://api.dataextractor.test", testKey)
	if err != nil {
		t.Fatal(err)
	}
	c.jitter = slowestJitter
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second}
	for i, w := range want {
		if got := c.backoff(i + 1); got != w {
			t.Errorf("ceiling before retry %d = %v, want %v", i+1, got, w)
		}
	}

	c.jitter = fullJitter
	var below, above int
	for range 2000 {
		d := c.backoff(3) // ceiling 2 s
		if d < 0 || d >= 2*time.Second {
			t.Fatalf("jittered wait %v outside [0, 2s)", d)
		}
		if d < time.Second {
			below++
		} else {
			above++
		}
	}
	// Uniform over [0, 2s): both halves get a fair share.
	if below < 700 || above < 700 {
		t.Errorf("jitter is lopsided: %d below 1 s, %d above", below, above)
	}
}

func TestGivesUpAfterMaxRetriesWithTheLastError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n := log.add(r)
			w.Header().Set("X-Request-Id", "req_"+strconv.Itoa(n))
			writeDetail(w, 503, "maintenance")
		}))
		_, err := c.GetDataset(context.Background(), "ds_1")
		var retryErr *RetryError
		var apiErr *APIError
		if !errors.As(err, &retryErr) || retryErr.Attempts != 4 || !errors.As(err, &apiErr) {
			t.Fatalf("err = %v, want the last APIError inside a RetryError of 4 attempts", err)
		}
		if apiErr.RequestID != "req_4" || !errors.Is(err, ErrServer) {
			t.Errorf("last error = %+v, want the fourth response's", apiErr)
		}
		if log.count() != 4 {
			t.Errorf("%d requests, want 4", log.count())
		}
	})
}

func TestRetryAfterIsHonouredAndCapped(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter func(now time.Time) string
		policy     RetryPolicy
		wantWait   time.Duration
	}{
		{"seconds", func(time.Time) string { return "2" }, DefaultRetryPolicy(), 2 * time.Second},
		{"fractional seconds", func(time.Time) string { return "1.5" }, DefaultRetryPolicy(), 1500 * time.Millisecond},
		{"HTTP date", func(now time.Time) string { return now.Add(3 * time.Second).UTC().Format(http.TimeFormat) }, DefaultRetryPolicy(), 3 * time.Second},
		{"date in the past", func(now time.Time) string { return now.Add(-time.Hour).UTC().Format(http.TimeFormat) }, DefaultRetryPolicy(), 0},
		{"over the default cap", func(time.Time) string { return "3600" }, DefaultRetryPolicy(), 60 * time.Second},
		{"over a custom cap", func(time.Time) string { return "30" }, RetryPolicy{MaxRetries: 1, MaxRetryAfter: 10 * time.Second}, 10 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var log requestLog
				c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if log.add(r) == 1 {
						w.Header().Set("Retry-After", tt.retryAfter(time.Now()))
						writeDetail(w, 429, "rate limit exceeded: 60 requests per minute for list and get")
						return
					}
					writeJSON(w, 200, pageOf("", "ds_1"))
				}), WithRetryPolicy(tt.policy))

				start := time.Now()
				done := make(chan error)
				go func() {
					_, err := c.ListDatasets(context.Background(), ListParams{})
					done <- err
				}()
				synctest.Wait()
				if tt.wantWait > 0 {
					// The client is now waiting out the block; the budget shows it.
					b := c.Budget().Read
					if !b.BlockedUntil.Equal(start.Add(tt.wantWait)) || b.Remaining != 0 {
						t.Errorf("while blocked: BlockedUntil = %v (want start+%v), Remaining = %d", b.BlockedUntil.Sub(start), tt.wantWait, b.Remaining)
					}
					if got := b.BlockedFor(time.Now()); got != tt.wantWait {
						t.Errorf("BlockedFor = %v, want %v", got, tt.wantWait)
					}
				}
				if err := <-done; err != nil {
					t.Fatalf("err = %v, want success after the wait", err)
				}
				if got := sinceStart(log.at()); len(got) != 2 || got[1] != tt.wantWait {
					t.Errorf("requests at %v, want the retry at %v", got, tt.wantWait)
				}
				if b := c.Budget().Read; !b.BlockedUntil.IsZero() {
					t.Errorf("still blocked until %v after the wait", b.BlockedUntil)
				}
			})
		})
	}
}

// TestA429BlocksTheBucketWithoutTouchingTheNetwork: after a 429 every other
// request of the category waits out Retry-After before it is sent.
func TestA429BlocksTheBucketWithoutTouchingTheNetwork(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if log.add(r) == 1 {
				w.Header().Set("Retry-After", "5")
				writeDetail(w, 429, "rate limit exceeded")
				return
			}
			writeJSON(w, 200, map[string]string{"id": "ds_1"})
		}), noRetries)

		start := time.Now()
		_, err := c.GetDataset(context.Background(), "ds_1")
		var apiErr *APIError
		if !errors.As(err, &apiErr) || !errors.Is(err, ErrRateLimited) || apiErr.RetryAfter != 5*time.Second {
			t.Fatalf("err = %v, want a 429 APIError with RetryAfter 5s", err)
		}

		done := make(chan error)
		go func() {
			_, err := c.GetDataset(context.Background(), "ds_1")
			done <- err
		}()
		time.Sleep(4900 * time.Millisecond)
		if n := log.count(); n != 1 {
			t.Fatalf("%d requests during the block, want only the first", n)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := time.Since(start); got != 5*time.Second {
			t.Errorf("second request answered after %v, want 5s", got)
		}
	})
}

func TestCancellingDuringBackoffReturnsPromptly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log requestLog
		c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			log.add(r)
			writeDetail(w, 503, "down")
		}), WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: 10 * time.Second, MaxDelay: 10 * time.Second}))
		c.jitter = slowestJitter

		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() {
			_, err := c.ListDatasets(ctx, ListParams{})
			done <- err
		}()
		time.Sleep(time.Second) // well inside the 10 s backoff
		synctest.Wait()
		cancelled := time.Now()
		cancel()
		err := <-done
		if elapsed := time.Since(cancelled); elapsed >= 50*time.Millisecond {
			t.Errorf("returned %v after cancel, want under 50 ms", elapsed)
		}
		if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrServer) {
			t.Errorf("err = %v, want context.Canceled mentioning the last error", err)
		}
		if log.count() != 1 {
			t.Errorf("%d requests, want 1", log.count())
		}
	})
}

// TestCancellingDuringBackoffOnTheRealClock measures the same on the wall
// clock against a real server.
func TestCancellingDuringBackoffOnTheRealClock(t *testing.T) {
	answered := make(chan struct{}, 1)
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeDetail(w, 503, "down")
		answered <- struct{}{}
	}), WithRetryPolicy(RetryPolicy{MaxRetries: 3, BaseDelay: time.Minute, MaxDelay: time.Minute}))
	c.jitter = slowestJitter

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := c.ListDatasets(ctx, ListParams{})
		done <- err
	}()
	<-answered
	cancelled := time.Now()
	cancel()
	err := <-done
	if elapsed := time.Since(cancelled); elapsed >= 50*time.Millisecond {
		t.Errorf("returned %v after cancel, want under 50 ms", elapsed)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestCancellingWhileBlockedSendsNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		calls := 0
		c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			calls++
			mu.Unlock()
			w.Header().Set("Retry-After", "30")
			writeDetail(w, 429, "rate limit exceeded")
		}), noRetries)
		if _, err := c.ListDatasets(context.Background(), ListParams{}); !errors.Is(err, ErrRateLimited) {
			t.Fatalf("err = %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := c.ListDatasets(ctx, ListParams{})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want the deadline while waiting for the block", err)
		}
		mu.Lock()
		defer mu.Unlock()
		if calls != 1 {
			t.Errorf("%d requests, want 1", calls)
		}
	})
}

// TestOtherServerHintsSetTheWait: a 503 with Retry-After waits that instead
// of a jittered backoff, and a 429 without Retry-After falls back to
// X-RateLimit-Reset.
func TestOtherServerHintsSetTheWait(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		headers map[string]string
		want    time.Duration
	}{
		{"503 with Retry-After", 503, map[string]string{"Retry-After": "7"}, 7 * time.Second},
		{"429 with only X-RateLimit-Reset", 429, map[string]string{"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4"}, 4 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var log requestLog
				c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if log.add(r) == 1 {
						for k, v := range tt.headers {
							w.Header().Set(k, v)
						}
						writeDetail(w, tt.status, "not now")
						return
					}
					writeJSON(w, 200, pageOf(""))
				}))
				c.jitter = func(time.Duration) time.Duration { return time.Hour } // would show if used
				if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
					t.Fatal(err)
				}
				if got := sinceStart(log.at()); len(got) != 2 || got[1] != tt.want {
					t.Errorf("requests at %v, want the retry at %v", got, tt.want)
				}
			})
		})
	}
}
