package fakeapi

import (
	"sync"
	"time"
)

// Faults for tests and for demonstrating resilience: with the configured
// rate, an authenticated, admitted request fails in one of the ways real
// networks and servers fail. A fault never changes the corpus; the request
// still counts against the rate limit, as it would on a real server.

// FaultKind is one way a request can fail.
type FaultKind int

const (
	FaultServerError       FaultKind = iota + 1 // 500 with a detail
	FaultSlowResponse                           // the right answer, seconds late
	FaultTruncatedBody                          // 200, the JSON cut off half way
	FaultMalformedBody                          // 200, an HTML error page instead of JSON
	FaultDroppedConnection                      // the connection closes without an answer
)

var allFaultKinds = []FaultKind{FaultServerError, FaultSlowResponse, FaultTruncatedBody, FaultMalformedBody, FaultDroppedConnection}

func (k FaultKind) String() string {
	switch k {
	case FaultServerError:
		return "server error"
	case FaultSlowResponse:
		return "slow response"
	case FaultTruncatedBody:
		return "truncated body"
	case FaultMalformedBody:
		return "malformed body"
	case FaultDroppedConnection:
		return "dropped connection"
	}
	return "no fault"
}

// Slow responses wait this long, give or take.
const (
	minSlowDelay = 2 * time.Second
	maxSlowDelay = 6 * time.Second
)

type faultInjector struct {
	rate  float64
	kinds []FaultKind
	mu    sync.Mutex
	r     rng
}

func newFaultInjector(seed uint64, rate float64, kinds []FaultKind) *faultInjector {
	if len(kinds) == 0 {
		kinds = allFaultKinds
	}
	return &faultInjector{rate: rate, kinds: kinds, r: newRNG(seed, 0xfa017)}
}

// draw decides one request's fate: no fault (zero), or a kind and, for a
// slow response, its delay.
func (f *faultInjector) draw() (FaultKind, time.Duration) {
	if f.rate == 0 {
		return 0, 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.r.chance(f.rate) {
		return 0, 0
	}
	kind := pick(&f.r, f.kinds)
	if kind != FaultSlowResponse {
		return kind, 0
	}
	return kind, minSlowDelay + time.Duration(f.r.intn(int((maxSlowDelay-minSlowDelay)/time.Millisecond)))*time.Millisecond
}

// malformedBody is what a misconfigured proxy sends in place of the API's
// JSON: a 200 with an HTML page.
const malformedBody = "<html><head><title>Service Temporarily Unavailable</title></head>" +
	"<body><h1>Service Temporarily Unavailable</h1><p>The upstream server is busy.</p></body></html>\n"
