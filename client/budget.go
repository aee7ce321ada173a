package client

import "time"

// Budget is a snapshot of the client's rate budget: what the server will
// allow in the next minute, per category. Taking it does no I/O.
type Budget struct {
	Read          Bucket // list and get
	Extraction    Bucket // upload and extract
	LastRequestID string // X-Request-Id of the most recent response
	AsOf          time.Time
}

// Bucket is the state of one rate category.
type Bucket struct {
	Limit int // requests per minute
	// Remaining is how many more requests the server will admit in the
	// current window; 0 while blocked. (The client still spreads a burst
	// out, so not all of them leave at the same instant.)
	Remaining int
	// FreesAt is when the oldest request counted against the window leaves
	// it, giving one back; zero when none is counted.
	FreesAt time.Time
	// BlockedUntil is set after a 429: nothing goes out before it. Zero
	// when not blocked.
	BlockedUntil time.Time
	// FromServer is true when the figures come from X-RateLimit-* headers,
	// false when the client counted its own requests.
	FromServer bool
	InFlight   int // requests sent and not yet answered
}

// FreesIn is the time from now until FreesAt; 0 when nothing is pending.
func (b Bucket) FreesIn(now time.Time) time.Duration {
	return max(0, b.FreesAt.Sub(now))
}

// BlockedFor is the time from now until BlockedUntil; 0 when not blocked.
func (b Bucket) BlockedFor(now time.Time) time.Duration {
	return max(0, b.BlockedUntil.Sub(now))
}
