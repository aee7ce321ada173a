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
	Limit     int // requests per minute
	Remaining int // requests that may go out now without waiting
	// FreesAt is when the next request frees up; zero when one is free now.
	FreesAt time.Time
	// BlockedUntil is set after a 429: nothing goes out before it.
	BlockedUntil time.Time
	// FromServer is true when the figures come from X-RateLimit-* headers,
	// false when the client counted its own requests.
	FromServer bool
	InFlight   int // requests sent and not yet answered
}
