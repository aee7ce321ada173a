package client

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// apiPrefix is where the API's paths start.
const apiPrefix = "/api/v1"

// Client talks to the dataextractor.io API. It is safe for concurrent use;
// all its methods share one rate budget.
type Client struct {
	base      *url.URL // scheme, host and any proxy path prefix, ending in /api/v1
	apiKey    string
	redactor  Redactor
	http      *http.Client
	userAgent string
	retry     RetryPolicy
	clock     Clock
	observer  func(Budget)
	// jitter picks the backoff wait in [0, ceiling); tests pin it.
	jitter func(ceiling time.Duration) time.Duration
	// maxBody caps a success body (maxSuccessBody; tests lower it).
	maxBody int64
	walks   *walkBook // the walks through the listing being paged

	mu            sync.Mutex
	read          *bucket
	extraction    *bucket
	lastRequestID string
}

// New returns a client for the API at baseURL, such as
// "https://api.dataextractor.io" (with or without a trailing slash or the
// /api/v1 prefix). It refuses an empty or malformed key, a relative URL, and
// plain http:// to anything but a loopback host, where the key would cross
// the network in clear text.
func New(baseURL, apiKey string, opts ...Option) (*Client, error) {
	if err := checkKey(apiKey); err != nil {
		return nil, err
	}
	base, err := parseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	s := defaultSettings()
	for _, opt := range opts {
		opt(&s)
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	c := &Client{
		base:       base,
		apiKey:     apiKey,
		redactor:   NewRedactor(apiKey),
		userAgent:  s.userAgent,
		retry:      s.retry.withDefaults(),
		clock:      s.clock,
		observer:   s.observer,
		jitter:     fullJitter,
		maxBody:    maxSuccessBody,
		walks:      newWalkBook(),
		read:       newBucket(s.readPerMinute),
		extraction: newBucket(s.extractionPerMinute),
	}
	c.http = s.buildHTTPClient(c.checkRedirect)
	return c, nil
}

// checkKey refuses keys that could not travel in a header. The error never
// quotes the key.
func checkKey(key string) error {
	if strings.TrimSpace(key) == "" {
		return errors.New("dataextractor: empty API key")
	}
	for _, r := range key {
		if r <= ' ' || r == 0x7f {
			return errors.New("dataextractor: the API key contains spaces or control characters")
		}
	}
	return nil
}

// parseBaseURL validates the base URL and returns the API root, ending in
// /api/v1.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("dataextractor: base URL: %w", err)
	}
	if u.User != nil {
		return nil, errors.New("dataextractor: base URL must not carry a user name or password")
	}
	switch {
	case !u.IsAbs() || u.Host == "":
		return nil, fmt.Errorf("dataextractor: base URL %q is not absolute (want e.g. https://api.dataextractor.io)", raw)
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, fmt.Errorf("dataextractor: base URL %q: scheme must be https (or http to a loopback host)", raw)
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return nil, fmt.Errorf("dataextractor: base URL %q: refusing plain http to a non-loopback host, the API key would travel in clear text; use https", raw)
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("dataextractor: base URL %q must not carry a query or fragment", raw)
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), apiPrefix) + apiPrefix
	u.RawPath = ""
	return u, nil
}

// isLoopback reports whether host is localhost or a loopback address
// (127.0.0.0/8, ::1).
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// check refuses settings that cannot work.
func (s *settings) check() error {
	switch {
	case s.readPerMinute <= 0 || s.extractionPerMinute <= 0:
		return fmt.Errorf("dataextractor: rate limits must be positive (got %d list/get, %d extraction per minute)", s.readPerMinute, s.extractionPerMinute)
	case s.retry.MaxRetries < 0:
		return fmt.Errorf("dataextractor: MaxRetries must not be negative (got %d)", s.retry.MaxRetries)
	case s.timeout < 0:
		return fmt.Errorf("dataextractor: negative timeout %s", s.timeout)
	case s.clock == nil:
		return errors.New("dataextractor: nil clock")
	case s.userAgent == "":
		return errors.New("dataextractor: empty user agent")
	}
	return nil
}

// buildHTTPClient copies the caller's client (or makes one), sets the
// timeout unless the caller's client has its own and WithTimeout was not
// given, and wraps the redirect policy in policy.
func (s *settings) buildHTTPClient(policy func(next redirectPolicy) redirectPolicy) *http.Client {
	hc := &http.Client{}
	if s.httpClient != nil {
		copied := *s.httpClient
		hc = &copied
	}
	if s.timeoutSet || hc.Timeout == 0 {
		hc.Timeout = s.timeout
	}
	hc.CheckRedirect = policy(hc.CheckRedirect)
	return hc
}

// fullJitter is a uniformly random wait in [0, ceiling).
func fullJitter(ceiling time.Duration) time.Duration {
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling)
}

// Budget returns a snapshot of the rate budget. It does no I/O.
func (c *Client) Budget() Budget {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.budgetLocked(c.clock.Now())
}

func (c *Client) budgetLocked(now time.Time) Budget {
	return Budget{
		Read:          c.read.snapshot(now),
		Extraction:    c.extraction.snapshot(now),
		LastRequestID: c.lastRequestID,
		AsOf:          now,
	}
}

// notify hands a budget to the observer. Call it without holding c.mu.
func (c *Client) notify(b Budget) {
	if c.observer != nil {
		c.observer(b)
	}
}

// CloseIdleConnections closes the HTTP client's idle keep-alive connections.
func (c *Client) CloseIdleConnections() {
	c.http.CloseIdleConnections()
}
