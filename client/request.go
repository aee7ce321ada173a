package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// get sends a GET for u, paced by bucket b and retried per c.retry, and hands
// a 2xx body to decode. Every error it returns is free of the API key.
func (c *Client) get(ctx context.Context, b *bucket, u *url.URL, decode func(body []byte) error) error {
	// Each error is built from redacted text (serverText, excerpt,
	// scrubTransport), so that every field a caller may read is clean;
	// this catches whatever text is left.
	return c.redactErr(c.getWithRetries(ctx, b, u, decode))
}

func (c *Client) getWithRetries(ctx context.Context, b *bucket, u *url.URL, decode func(body []byte) error) error {
	for attempt := 1; ; attempt++ {
		out := c.try(ctx, b, u, decode, attempt)
		// A request cut short by the context is as final as a 4xx.
		cancelled := ctx.Err() != nil && errors.Is(out.err, ctx.Err())
		switch {
		case out.err == nil:
			return nil
		case !out.retry || cancelled:
			if attempt > 1 {
				return &RetryError{Attempts: attempt, Err: out.err}
			}
			return out.err
		case attempt > c.retry.MaxRetries:
			return &RetryError{Attempts: attempt, Err: out.err}
		}
		if err := sleep(ctx, c.clock, out.wait); err != nil {
			return fmt.Errorf("dataextractor: GET %s: %w while waiting to retry after: %w", u.EscapedPath(), err, out.err)
		}
	}
}

// outcome is how one attempt went.
type outcome struct {
	err   error
	retry bool          // worth another attempt
	wait  time.Duration // before it; a 429 waits through the bucket's block instead
}

// try makes one attempt: wait for the budget, send, read, classify.
func (c *Client) try(ctx context.Context, b *bucket, u *url.URL, decode func([]byte) error, attempt int) outcome {
	// The path may carry an id the server sent.
	path := c.redactor.Redact(u.EscapedPath())
	// The bucket rides in the context so that every redirect hop is paced
	// and counted by it too (checkRedirect).
	req, err := http.NewRequestWithContext(context.WithValue(ctx, bucketKey{}, b), http.MethodGet, u.String(), nil)
	if err != nil {
		return outcome{err: fmt.Errorf("dataextractor: GET %s: %w", path, err)}
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")

	sentAt, err := c.acquire(ctx, b)
	if err != nil {
		return outcome{err: fmt.Errorf("dataextractor: GET %s: waiting for the rate budget: %w", path, err)}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.finish(b, sentAt, nil, time.Time{})
		// A refused redirect (a loop, https to http) would be refused
		// again: it is an answer, not an accident.
		retry := !errors.Is(err, ErrRedirect)
		return outcome{err: c.scrubTransport(err), retry: retry, wait: c.backoff(attempt)}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		c.finish(b, sentAt, resp, time.Time{})
		return c.readSuccess(resp, path, decode, attempt)
	}
	return c.readFailure(b, sentAt, resp, path, attempt)
}

// readSuccess reads a 2xx body through the size cap and decodes it.
func (c *Client) readSuccess(resp *http.Response, path string, decode func([]byte) error, attempt int) outcome {
	body, tooLarge, err := readCapped(resp.Body, c.maxBody, resp.ContentLength)
	switch {
	case err != nil:
		// The connection broke mid-body: as retryable as any transport error.
		return outcome{err: fmt.Errorf("dataextractor: GET %s: reading the response: %w", path, err), retry: true, wait: c.backoff(attempt)}
	case tooLarge:
		err = fmt.Errorf("%w (%d bytes)", errBodyTooLarge, c.maxBody)
	default:
		err = decode(body)
	}
	if err != nil {
		requestID := c.serverText(resp.Header.Get("X-Request-Id"))
		return outcome{err: &DecodeError{Method: http.MethodGet, Path: path, RequestID: requestID, Err: c.redactErr(err)}}
	}
	return outcome{}
}

// readFailure turns a non-2xx response into an *APIError and decides
// whether, and after how long, to try again. A 429 blocks the whole bucket
// for its Retry-After (capped), so the retry and every other request wait.
func (c *Client) readFailure(b *bucket, sentAt time.Time, resp *http.Response, path string, attempt int) outcome {
	now := c.clock.Now()
	body, _, _ := readCapped(resp.Body, maxErrorBody, -1)
	apiErr := &APIError{
		StatusCode: resp.StatusCode,
		Detail:     c.serverText(errorDetail(body)),
		RequestID:  c.serverText(resp.Header.Get("X-Request-Id")),
		Method:     http.MethodGet,
		Path:       path,
	}
	retryAfter, hasRetryAfter := parseRetryAfter(resp.Header.Get("Retry-After"), now)
	if hasRetryAfter {
		apiErr.RetryAfter = retryAfter
	}

	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		wait := c.backoff(attempt)
		if hasRetryAfter {
			wait = retryAfter
		} else if h, ok := parseRateHeaders(resp.Header); ok && h.reset > 0 {
			wait = h.reset
		}
		c.finish(b, sentAt, resp, now.Add(min(wait, c.retry.MaxRetryAfter)))
		return outcome{err: apiErr, retry: true}
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		c.finish(b, sentAt, resp, time.Time{})
		wait := c.backoff(attempt)
		if hasRetryAfter {
			wait = min(retryAfter, c.retry.MaxRetryAfter)
		}
		return outcome{err: apiErr, retry: true, wait: wait}
	default:
		c.finish(b, sentAt, resp, time.Time{})
		return outcome{err: apiErr}
	}
}

// acquire waits until b lets a request go, then counts it as sent and in
// flight.
func (c *Client) acquire(ctx context.Context, b *bucket) (sentAt time.Time, err error) {
	return c.admit(ctx, b, 1)
}

// admit waits until b lets a request go, then counts it as sent, and adds
// flying to the requests in flight (0 for a redirect's next hop, which
// continues one already counted).
func (c *Client) admit(ctx context.Context, b *bucket, flying int) (sentAt time.Time, err error) {
	for {
		if err := ctx.Err(); err != nil {
			return time.Time{}, err
		}
		c.mu.Lock()
		now := c.clock.Now()
		wait := b.delay(now)
		if wait <= 0 {
			b.admit(now)
			b.flight += flying
			snap := c.budgetLocked(now)
			c.mu.Unlock()
			c.notify(snap)
			return now, nil
		}
		c.mu.Unlock()
		if err := sleep(ctx, c.clock, wait); err != nil {
			return time.Time{}, err
		}
	}
}

// finish records the end of a request sent at sentAt: resp is nil after a
// transport error; blockUntil is non-zero after a 429.
func (c *Client) finish(b *bucket, sentAt time.Time, resp *http.Response, blockUntil time.Time) {
	c.mu.Lock()
	now := c.clock.Now()
	b.flight--
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
		b.rejected(sentAt)
	}
	c.observeLocked(b, resp, now)
	if !blockUntil.IsZero() {
		b.block(blockUntil)
	}
	snap := c.budgetLocked(now)
	c.mu.Unlock()
	c.notify(snap)
}

// observeLocked takes what every response says about the budget: its
// request id and its X-RateLimit-* figures. resp may be nil.
func (c *Client) observeLocked(b *bucket, resp *http.Response, now time.Time) {
	if resp == nil {
		return
	}
	if id := c.serverText(resp.Header.Get("X-Request-Id")); id != "" {
		c.lastRequestID = id
	}
	if h, ok := parseRateHeaders(resp.Header); ok {
		b.report(h, now)
	}
}

// backoff is the wait before retry number `attempt` after a 5xx or a
// transport error: full jitter under an exponentially growing ceiling.
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.retry.BaseDelay
	for i := 1; i < attempt && ceiling < c.retry.MaxDelay; i++ {
		ceiling *= 2
	}
	return c.jitter(min(ceiling, c.retry.MaxDelay))
}

// serverText makes text from the server fit to show (Redactor.ServerText).
func (c *Client) serverText(s string) string {
	return c.redactor.ServerText(s)
}

// scrubTransport rebuilds a transport error whose text shows the key: a
// *url.Error quotes the URL it failed on, which after a redirect is
// whatever the server put in Location. Callers that look inside with
// errors.As (the dashboard shows url.Error.Err) then find clean text too.
func (c *Client) scrubTransport(err error) error {
	urlErr, ok := err.(*url.Error) // what http.Client.Do returns
	if !ok {
		return c.redactErr(err)
	}
	clean := &url.Error{Op: urlErr.Op, URL: c.redactor.Redact(urlErr.URL), Err: c.redactErr(urlErr.Err)}
	if clean.URL == urlErr.URL && clean.Err == urlErr.Err {
		return err
	}
	return clean
}

// redactErr returns err unchanged unless its text shows the key, or a
// piece of it; then an error with that text redacted, which still
// unwraps to err for errors.Is.
func (c *Client) redactErr(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := c.redactor.Redact(msg)
	if clean == msg {
		return err
	}
	return &redactedError{msg: clean, err: err}
}
