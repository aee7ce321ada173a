package client

import (
	"net/http"
	"runtime/debug"
	"time"
)

// Defaults for the options below.
const (
	DefaultTimeout             = 30 * time.Second
	DefaultReadPerMinute       = 60 // list and get
	DefaultExtractionPerMinute = 10 // upload and extract
)

// RetryPolicy says how GET requests are retried. A zero BaseDelay, MaxDelay
// or MaxRetryAfter means the default; MaxRetries is taken as given, so 0
// turns retries off.
type RetryPolicy struct {
	// MaxRetries is how many times a request is repeated after the first
	// try: 3 means at most 4 attempts.
	MaxRetries int
	// BaseDelay and MaxDelay shape the exponential backoff after a 5xx or a
	// transport error: the n-th retry waits a random time in
	// [0, min(MaxDelay, BaseDelay·2ⁿ⁻¹)).
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MaxRetryAfter caps the wait a server's Retry-After may impose.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy returns the policy used when none is given: 3 retries,
// 500 ms base, 8 s cap, Retry-After honoured up to 60 s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxRetries:    3,
		BaseDelay:     500 * time.Millisecond,
		MaxDelay:      8 * time.Second,
		MaxRetryAfter: 60 * time.Second,
	}
}

// withDefaults fills the zero durations of p from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	return p
}

// Option configures a Client in New.
type Option func(*settings)

// settings collects the options before New validates them.
type settings struct {
	httpClient          *http.Client
	timeout             time.Duration
	timeoutSet          bool
	userAgent           string
	retry               RetryPolicy
	readPerMinute       int
	extractionPerMinute int
	clock               Clock
	observer            func(Budget)
}

func defaultSettings() settings {
	return settings{
		timeout:             DefaultTimeout,
		userAgent:           defaultUserAgent(),
		retry:               DefaultRetryPolicy(),
		readPerMinute:       DefaultReadPerMinute,
		extractionPerMinute: DefaultExtractionPerMinute,
		clock:               SystemClock{},
	}
}

// defaultUserAgent is "dxdash/<version>", the version coming from the build
// information of the main module ("dev" for a plain `go build`).
func defaultUserAgent() string {
	version := "dev"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		version = info.Main.Version
	}
	return "dxdash/" + version
}

// WithHTTPClient sends requests through hc. The client is copied, not
// modified: New installs its own redirect check (which still calls hc's) on
// the copy. Without WithTimeout, a non-zero hc.Timeout is kept.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) { s.httpClient = hc }
}

// WithTimeout bounds each attempt (not the whole call with its retries; use
// the context for that). The default is 30 s; 0 means no bound.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) { s.timeout, s.timeoutSet = d, true }
}

// WithUserAgent replaces the default "dxdash/<version>" User-Agent.
func WithUserAgent(ua string) Option {
	return func(s *settings) { s.userAgent = ua }
}

// WithRetryPolicy replaces the default retry policy (see RetryPolicy for how
// zero fields are read).
func WithRetryPolicy(p RetryPolicy) Option {
	return func(s *settings) { s.retry = p }
}

// WithRateLimits sets the per-minute limits the client paces itself to:
// list/get and extraction. Both must be positive.
func WithRateLimits(readPerMinute, extractionPerMinute int) Option {
	return func(s *settings) {
		s.readPerMinute, s.extractionPerMinute = readPerMinute, extractionPerMinute
	}
}

// WithClock replaces the system clock, for tests. The clock drives pacing,
// backoff and Retry-After waits and the budget's times; it does not affect
// the HTTP client's own timeout.
func WithClock(c Clock) Option {
	return func(s *settings) { s.clock = c }
}

// WithBudgetObserver registers fn to be called with a fresh Budget after
// every change: a request admitted, a response read, a 429 block set.
//
// fn runs synchronously on the goroutine that made the change (never while
// the client holds its lock), so it must not block: hand the budget on with
// a non-blocking send to a buffered channel, for example. Calls from
// concurrent requests may arrive out of order; compare Budget.AsOf, or treat
// each call as "redraw" and read Budget().
func WithBudgetObserver(fn func(Budget)) Option {
	return func(s *settings) { s.observer = fn }
}
