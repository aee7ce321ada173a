package common

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
)

// DescribeError says in a few words what went wrong, for the error line
// and inline messages. The server's detail and request id are sanitized:
// they are server text like any other.
func DescribeError(err error) string {
	var (
		retryErr  *client.RetryError
		apiErr    *client.APIError
		decodeErr *client.DecodeError
		urlErr    *url.Error
	)
	switch {
	case errors.As(err, &retryErr):
		return fmt.Sprintf("%s · after %d attempts", DescribeError(retryErr.Err), retryErr.Attempts)
	case errors.As(err, &apiErr):
		return describeAPIError(apiErr)
	case errors.As(err, &decodeErr):
		s := "malformed response"
		if id := termtext.Sanitize(decodeErr.RequestID); id != "" {
			s += " · request " + id
		}
		return s
	case errors.As(err, &urlErr):
		// "Get \"https://…\": dial tcp …": the URL says nothing new.
		return "network: " + termtext.Sanitize(urlErr.Err.Error())
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case errors.Is(err, client.ErrValidation):
		return "invalid request: " + termtext.Sanitize(err.Error())
	}
	return termtext.Sanitize(err.Error())
}

func describeAPIError(e *client.APIError) string {
	detail := termtext.Sanitize(e.Detail)
	withDetail := func(s string) string {
		if detail == "" {
			return s
		}
		return s + ": " + detail
	}
	switch {
	case errors.Is(e, client.ErrServer):
		s := fmt.Sprintf("server error %d", e.StatusCode)
		if id := termtext.Sanitize(e.RequestID); id != "" {
			s += " · request " + id
		}
		return s
	case errors.Is(e, client.ErrUnauthorized):
		return withDetail(fmt.Sprintf("unauthorized (%d)", e.StatusCode))
	case errors.Is(e, client.ErrNotFound):
		return withDetail("not found")
	case errors.Is(e, client.ErrRateLimited):
		if e.RetryAfter > 0 {
			return "rate limited (429) · retry after " + Countdown(e.RetryAfter)
		}
		return "rate limited (429)"
	case errors.Is(e, client.ErrValidation):
		return withDetail(fmt.Sprintf("rejected (%d)", e.StatusCode))
	}
	return withDetail(fmt.Sprintf("%d %s", e.StatusCode, http.StatusText(e.StatusCode)))
}
