package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrRedirect is a redirect the client refused to follow: one from https
// to plain http, one more than maxRedirects, or one the caller's own
// redirect policy refused. It says something about the server, not about
// the network, so it is not retried.
var ErrRedirect = errors.New("redirect refused")

// maxRedirects matches net/http's default policy.
const maxRedirects = 10

// redirectPolicy is http.Client.CheckRedirect.
type redirectPolicy = func(req *http.Request, via []*http.Request) error

// bucketKey carries, in a request's context, the bucket it was paced by, so
// that the redirect policy can count each hop against the same budget.
type bucketKey struct{}

// checkRedirect wraps next, the caller's own policy (or nil for the
// default limit of 10 redirects), in the client's:
//
//   - A redirect from https to http is refused: the request, and whatever
//     the server put in the URL, would cross the network in clear text.
//   - The Authorization header is dropped when a redirect leaves the
//     original scheme and host:port (net/http keeps it for the same host
//     name on another port, and for subdomains).
//   - Every hop followed counts against the rate budget and waits for it
//     like any request: the server counts it, so a redirect loop cannot
//     spend ten requests while the budget counts one.
func (c *Client) checkRedirect(next redirectPolicy) redirectPolicy {
	return func(req *http.Request, via []*http.Request) error {
		if via[len(via)-1].URL.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: from https to %s, which would travel in clear text", ErrRedirect, req.URL.Scheme)
		}
		first := via[0].URL
		if req.URL.Scheme != first.Scheme || !strings.EqualFold(req.URL.Host, first.Host) {
			req.Header.Del("Authorization")
		}
		if next != nil {
			switch err := next(req, via); {
			case errors.Is(err, http.ErrUseLastResponse):
				return err // net/http compares it with ==: pass it as it is
			case err != nil:
				return fmt.Errorf("%w: %w", ErrRedirect, err)
			}
		} else if len(via) >= maxRedirects {
			return fmt.Errorf("%w: stopped after %d redirects (the server's redirects go round in a loop?)", ErrRedirect, maxRedirects)
		}
		b, ok := req.Context().Value(bucketKey{}).(*bucket)
		if !ok {
			return nil
		}
		return c.hop(req.Context(), b, req.Response)
	}
}

// hop counts the next request of a redirect against b, once the budget
// lets it go. The request stays one in flight: it is the same call.
// redirect is the 3xx that led here; its rate headers and request id count
// like any response's.
func (c *Client) hop(ctx context.Context, b *bucket, redirect *http.Response) error {
	c.mu.Lock()
	c.observeLocked(b, redirect, c.clock.Now())
	c.mu.Unlock()
	_, err := c.admit(ctx, b, 0)
	return err
}
