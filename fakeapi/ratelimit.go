package fakeapi

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Rate limiting per API key and category over a sliding 60-second window,
// as notes/ratelimit-contract.md fixes it: a request is admitted while fewer
// than limit requests of that key and category were admitted in the last
// 60 s; rejected ones do not count.

const rateWindow = time.Minute

type rateCategory uint8

const (
	rateRead       rateCategory = iota // list and get
	rateExtraction                     // upload and extract (out of scope)
)

type limiter struct {
	limits  [2]int
	mu      sync.Mutex
	windows map[windowKey]*window
}

type windowKey struct {
	key      string // the key's name: one window per key, however many requests
	category rateCategory
}

// window holds the times of admitted requests, oldest first; those from
// head on are still inside it. It grows with use, never beyond the limit.
type window struct {
	admitted []time.Time
	head     int
}

func (w *window) count() int { return len(w.admitted) - w.head }

// decision is what the limiter answers and what the X-RateLimit-* headers say.
type decision struct {
	allowed   bool
	limit     int
	remaining int
	// frees is how long until the oldest admitted request leaves the
	// window; zero when the window is empty.
	frees time.Duration
}

func newLimiter(read, extraction int) *limiter {
	return &limiter{limits: [2]int{read, extraction}, windows: map[windowKey]*window{}}
}

func (l *limiter) admit(key string, category rateCategory, now time.Time) decision {
	limit := l.limits[category]
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[windowKey{key, category}]
	if w == nil {
		w = &window{}
		l.windows[windowKey{key, category}] = w
	}
	for w.head < len(w.admitted) && !now.Before(w.admitted[w.head].Add(rateWindow)) {
		w.head++
	}
	if w.head > len(w.admitted)/2 { // reclaim the expired half, amortised
		w.admitted = append(w.admitted[:0], w.admitted[w.head:]...)
		w.head = 0
	}
	d := decision{limit: limit, allowed: w.count() < limit}
	if d.allowed {
		w.admitted = append(w.admitted, now)
	}
	d.remaining = limit - w.count()
	if w.count() > 0 {
		d.frees = w.admitted[w.head].Add(rateWindow).Sub(now)
	}
	return d
}

// setHeaders writes the X-RateLimit-* headers, and Retry-After on a refusal.
func (d decision) setHeaders(h http.Header) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(d.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(d.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(ceilSeconds(d.frees), 10))
	if !d.allowed {
		h.Set("Retry-After", strconv.FormatInt(max(ceilSeconds(d.frees), 1), 10))
	}
}

func ceilSeconds(d time.Duration) int64 {
	return int64((d + time.Second - 1) / time.Second)
}
