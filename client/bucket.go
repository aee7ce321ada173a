package client

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// window is the span the API counts requests over.
const window = time.Minute

// windowMargin is added to the local window before the client reuses a slot,
// because the server counts a request when it arrives, a little after the
// client sent it: without the margin, network jitter could squeeze limit+1
// arrivals into the server's 60 seconds.
const windowMargin = time.Second

// maxBurst is how many requests may leave back to back after a quiet spell,
// enough for a screen's worth of UI work.
const maxBurst = 10

// bucket is the pacing and budget state of one rate category. Every method
// expects the Client's lock to be held.
//
// Pacing combines three gates. A token bucket (rate.Limiter, limit/60 per
// second with a burst of up to 10) spreads requests out. A token bucket alone
// can exceed the limit in a 60 s window (a full burst plus a minute of
// refill), so a log of send times enforces the hard rule: never more than
// `limit` sends within one window (the server's limit if lower). And what the
// server said wins: after a 429 nothing
// goes out before BlockedUntil, and when the server reports no requests
// remaining nothing goes out before its reset.
type bucket struct {
	limit   int
	limiter *rate.Limiter
	sent    []time.Time // send times inside the window, oldest first
	server  *serverReport
	blocked time.Time // after a 429: nothing goes out before this
	flight  int
}

// serverReport is the latest X-RateLimit-* reading, kept up to date between
// responses with the client's own sends and expiries.
type serverReport struct {
	at        time.Time
	limit     int
	remaining int // adjusted: our sends since at subtract, our expiries add
	freesAt   time.Time
}

// newBucket starts with a full burst: the first screen loads at once.
func newBucket(perMinute int) *bucket {
	perSecond := rate.Limit(float64(perMinute) / window.Seconds())
	return &bucket{limit: perMinute, limiter: rate.NewLimiter(perSecond, min(maxBurst, perMinute))}
}

// prune forgets sends that have left the window. Each one gives a request
// back to the server's count too, if the server had counted it.
func (b *bucket) prune(now time.Time) {
	n := 0
	for n < len(b.sent) && !now.Before(b.sent[n].Add(window)) {
		if b.server != nil && b.sent[n].Add(window).After(b.server.at) {
			b.server.remaining++
		}
		n++
	}
	b.sent = b.sent[n:]
}

// delay is how long the next request must wait; 0 means it may go now.
func (b *bucket) delay(now time.Time) time.Duration {
	b.prune(now)
	var wait time.Duration
	if b.blocked.After(now) {
		wait = max(wait, b.blocked.Sub(now))
	}
	if r := b.server; r != nil && b.serverRemaining(now) <= 0 && r.freesAt.After(now) {
		wait = max(wait, r.freesAt.Sub(now))
	}
	if limit := b.windowLimit(); len(b.sent) >= limit {
		// The send that has to leave for one more to fit.
		oldest := b.sent[len(b.sent)-limit]
		wait = max(wait, oldest.Add(window+windowMargin).Sub(now))
	}
	if tokens := b.limiter.TokensAt(now); tokens < 1 {
		perToken := float64(time.Second) / float64(b.limiter.Limit())
		wait = max(wait, time.Duration(math.Ceil((1-tokens)*perToken)))
	}
	return wait
}

// windowLimit is the most sends the log lets into one window: the
// configured limit, or the server's if it announced a lower one.
func (b *bucket) windowLimit() int {
	if b.server != nil {
		return min(b.limit, b.server.limit)
	}
	return b.limit
}

// admit records a request going out now. The caller has checked delay.
func (b *bucket) admit(now time.Time) {
	b.limiter.AllowN(now, 1)
	b.sent = append(b.sent, now)
	if b.server != nil {
		b.server.remaining--
	}
}

// rejected takes a 429'd request, sent at sentAt, out of the local count:
// the server does not count rejected requests either.
func (b *bucket) rejected(sentAt time.Time) {
	for i := len(b.sent) - 1; i >= 0; i-- {
		if b.sent[i].Equal(sentAt) {
			b.sent = append(b.sent[:i], b.sent[i+1:]...)
			if b.server != nil && sentAt.After(b.server.at) {
				b.server.remaining++
			}
			return
		}
	}
}

// block stops all sends until `until`.
func (b *bucket) block(until time.Time) {
	if until.After(b.blocked) {
		b.blocked = until
	}
}

// report applies the figures of a response's X-RateLimit-* headers.
func (b *bucket) report(h rateHeaders, now time.Time) {
	r := &serverReport{at: now, limit: h.limit, remaining: h.remaining}
	if h.reset > 0 {
		r.freesAt = now.Add(h.reset)
	}
	b.server = r
}

// serverRemaining is the server's last figure brought up to date. Once a
// whole window has passed since the report, everything the server had
// counted has left it, and our own count tells the rest.
func (b *bucket) serverRemaining(now time.Time) int {
	r := b.server
	if now.Sub(r.at) >= window {
		return max(0, r.limit-len(b.sent))
	}
	return min(max(0, r.remaining), r.limit)
}

// snapshot is the bucket as Budget shows it.
func (b *bucket) snapshot(now time.Time) Bucket {
	b.prune(now)
	out := Bucket{InFlight: b.flight}
	if r := b.server; r != nil {
		out.FromServer = true
		out.Limit = r.limit
		out.Remaining = b.serverRemaining(now)
		if r.freesAt.After(now) {
			out.FreesAt = r.freesAt
		}
	} else {
		out.Limit = b.limit
		out.Remaining = max(0, b.limit-len(b.sent))
	}
	if out.FreesAt.IsZero() && len(b.sent) > 0 && out.Remaining < out.Limit {
		out.FreesAt = b.sent[0].Add(window)
	}
	if b.blocked.After(now) {
		out.BlockedUntil = b.blocked
		out.Remaining = 0
	}
	return out
}
