package client

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// rateHeaders are the X-RateLimit-* figures of one response.
type rateHeaders struct {
	limit     int
	remaining int
	reset     time.Duration // until one more request frees; 0 when the window is empty
}

// parseRateHeaders reads X-RateLimit-Limit, -Remaining and -Reset. Limit and
// Remaining must both be there and make sense, or the response is treated
// as carrying no figures at all; a missing, negative or unreadable Reset
// means 0 (not known), and one over a minute means a minute.
func parseRateHeaders(h http.Header) (rateHeaders, bool) {
	limit, err := strconv.Atoi(strings.TrimSpace(h.Get("X-RateLimit-Limit")))
	if err != nil || limit <= 0 {
		return rateHeaders{}, false
	}
	remaining, err := strconv.Atoi(strings.TrimSpace(h.Get("X-RateLimit-Remaining")))
	if err != nil || remaining < 0 {
		return rateHeaders{}, false
	}
	out := rateHeaders{limit: limit, remaining: min(remaining, limit)}
	if reset, ok := parseSeconds(h.Get("X-RateLimit-Reset")); ok {
		out.reset = min(reset, maxRateReset)
	}
	return out, true
}

// maxRateReset caps X-RateLimit-Reset. The limits are per minute, so the
// oldest request counted leaves the window within a minute; a server that
// says 999999 (or sends a Unix time where seconds were meant) is wrong, and
// believing it would hold every request, and the status bar's countdown,
// for a week. Retry-After is capped the same way (RetryPolicy.MaxRetryAfter).
const maxRateReset = window

// parseRetryAfter reads a Retry-After value: delay-seconds (fractions
// tolerated) or an HTTP date, which is measured from now. A date in the past
// means "now" (0, true).
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if d, ok := parseSeconds(v); ok {
		return d, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// maxHeaderSeconds keeps absurd header values from overflowing a Duration.
const maxHeaderSeconds = 7 * 24 * 3600

// parseSeconds reads a non-negative number of seconds, possibly fractional.
func parseSeconds(v string) (time.Duration, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || f < 0 {
		return 0, false
	}
	f = min(f, maxHeaderSeconds)
	return time.Duration(f * float64(time.Second)), true
}
