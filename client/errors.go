package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinels for errors.Is. An *APIError matches the one its status maps to;
// errors made before anything is sent (a bad Limit, an empty id) wrap
// ErrValidation.
var (
	ErrUnauthorized = errors.New("unauthorized: the API key is missing, invalid or revoked")
	ErrNotFound     = errors.New("not found")
	ErrValidation   = errors.New("invalid request")
	ErrRateLimited  = errors.New("rate limited")
	ErrServer       = errors.New("server error")
	// ErrCursorExpired is a 400 whose detail says "cursor expired": the
	// listing has to start again from the first page. It also matches
	// ErrValidation.
	ErrCursorExpired = errors.New("cursor expired")
)

// APIError is any non-2xx response.
type APIError struct {
	StatusCode int
	// Detail is the body's "detail", with control characters removed so it
	// is safe to print on a terminal.
	Detail    string
	RequestID string // X-Request-Id: what support asks for
	Method    string
	Path      string
	// RetryAfter is the server's Retry-After, uncapped; zero when absent.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dataextractor: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

// Is maps the status code to the package's sentinels.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	case ErrCursorExpired:
		return e.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(e.Detail), "cursor expired")
	}
	return false
}

// DecodeError is a 2xx response whose body could not be read as the
// expected JSON: the server answered, but not with what the API promises.
type DecodeError struct {
	Method    string
	Path      string
	RequestID string
	Err       error
}

func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("dataextractor: %s %s: malformed response", e.Method, e.Path)
	if e.RequestID != "" {
		msg += " (request id " + e.RequestID + ")"
	}
	return msg + ": " + e.Err.Error()
}

func (e *DecodeError) Unwrap() error { return e.Err }

// RetryError is what comes back when every attempt failed: the last
// attempt's error, and how many attempts were made.
type RetryError struct {
	Attempts int
	Err      error
}

func (e *RetryError) Error() string {
	return fmt.Sprintf("dataextractor: gave up after %d attempts: %v", e.Attempts, e.Err)
}

func (e *RetryError) Unwrap() error { return e.Err }

// redactedError hides the API key in an error's text. The key only travels
// in the Authorization header, but a hostile server may echo it in a detail
// or a redirect URL, and error text ends up on screens and in logs.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

const redactedKey = "[redacted]"
