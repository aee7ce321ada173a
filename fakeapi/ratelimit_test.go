package fakeapi

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestSixtyOneRapidRequestsGetA429WithRetryAfter(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ReadPerMinute = 60 })
	for i := 1; i <= 60; i++ {
		rec := h.get(datasetsPath + "?limit=1")
		if rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d %s", i, rec.Code, rec.Body)
		}
		// The first request leaves the window 60 s after it came.
		elapsedMS := (i - 1) * 100
		wantHeaders(t, rec.Header(), "60", strconv.Itoa(60-i), strconv.Itoa((60_000-elapsedMS+999)/1000))
		h.clock.Advance(100 * time.Millisecond)
	}
	rec := h.get(datasetPathPrefix + "ds_whatever")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("request 61: %d, want 429", rec.Code)
	}
	if detail := detailOf(t, rec); detail != "rate limit exceeded: 60 requests per minute for list and get" {
		t.Errorf("429 detail %q", detail)
	}
	// The first request leaves the window 60 s after it came: 54 s from now.
	wantHeaders(t, rec.Header(), "60", "0", "54")
	if got := rec.Header().Get("Retry-After"); got != "54" {
		t.Errorf("Retry-After %q, want 54", got)
	}
	if c := h.srv.Requests(); c.RateLimited != 1 || c.Get != 1 || c.List != 60 {
		t.Errorf("counts %+v", c)
	}

	h.clock.Advance(54 * time.Second)
	rec = h.get(datasetsPath)
	if rec.Code != http.StatusOK {
		t.Fatalf("after Retry-After: %d", rec.Code)
	}
	// The second request (at 0.1 s) now frees next, 0.1 s from now: rounded up.
	wantHeaders(t, rec.Header(), "60", "0", "1")
}

func TestTheWindowSlidesAndRejectionsDoNotCount(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ReadPerMinute = 4 })
	h.get(datasetsPath)
	h.get(datasetsPath) // two at t=0
	h.clock.Advance(30 * time.Second)
	h.get(datasetsPath)
	h.get(datasetsPath) // two at t=30 s: full
	h.clock.Advance(29*time.Second + 500*time.Millisecond)
	for range 5 { // refused ones do not extend the wait
		rec := h.get(datasetsPath)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
			t.Fatalf("at 59.5 s: %d Retry-After %q, want 429 after 1 s", rec.Code, rec.Header().Get("Retry-After"))
		}
	}
	h.clock.Advance(500 * time.Millisecond)
	rec := h.get(datasetsPath)
	if rec.Code != http.StatusOK {
		t.Fatalf("at 60 s the first two left the window, yet %d", rec.Code)
	}
	wantHeaders(t, rec.Header(), "4", "1", "30")
}

func TestKeysHaveSeparateBudgetsAndErrorsCount(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.ReadPerMinute = 2
		c.APIKeys = []APIKey{{Name: "a", Key: "key-a"}, {Name: "b", Key: "key-b"}}
	})
	h.key = "key-a"
	if rec := h.get(datasetsPath + "?limit=0"); rec.Code != http.StatusBadRequest {
		t.Fatalf("limit=0: %d", rec.Code)
	}
	h.get("/nowhere") // a 404 counts too
	if rec := h.get(datasetsPath); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("key a's third request: %d, want 429", rec.Code)
	}
	h.key = "key-b"
	if rec := h.get(datasetsPath); rec.Code != http.StatusOK {
		t.Fatalf("key b's first request: %d", rec.Code)
	}
}

func TestAnEmptyWindowResetsToZero(t *testing.T) {
	l := newLimiter(3, 1)
	start := testStart
	if d := l.admit("k", rateRead, start); !d.allowed || d.remaining != 2 || d.frees != time.Minute {
		t.Fatalf("first: %+v", d)
	}
	d := l.admit("k", rateExtraction, start)
	if !d.allowed || d.remaining != 0 || d.limit != 1 {
		t.Fatalf("extraction is its own category: %+v", d)
	}
	if d := l.admit("k", rateExtraction, start.Add(time.Second)); d.allowed {
		t.Fatalf("extraction's second within a minute: %+v", d)
	}
	h := http.Header{}
	decision{allowed: true, limit: 3, remaining: 3}.setHeaders(h)
	if h.Get("X-RateLimit-Reset") != "0" || h.Get("Retry-After") != "" {
		t.Errorf("empty window headers %v", h)
	}
}

func wantHeaders(t *testing.T, h http.Header, limit, remaining, reset string) {
	t.Helper()
	if got := [3]string{h.Get("X-RateLimit-Limit"), h.Get("X-RateLimit-Remaining"), h.Get("X-RateLimit-Reset")}; got != [3]string{limit, remaining, reset} {
		t.Errorf("X-RateLimit-Limit/Remaining/Reset = %v, want [%s %s %s]", got, limit, remaining, reset)
	}
}
