// Package client is dxdash's only door to the dataextractor.io Document
// Extraction API: the typed data of api-reference Part 2, the two read
// endpoints (ListDatasets, GetDataset, and the Datasets iterator over every
// page), typed errors, retries, and a live rate budget. It imports nothing
// else of dxdash.
//
// # Errors
//
// Every non-2xx answer is an *APIError carrying the status, the body's
// detail, the X-Request-Id support asks for, and any Retry-After. errors.Is
// matches it against ErrUnauthorized, ErrNotFound, ErrValidation,
// ErrRateLimited, ErrServer and ErrCursorExpired. A 2xx whose body is not
// the promised JSON is a *DecodeError ("malformed response"). No error, in
// its text or in any of its fields, ever shows the API key or a piece of it
// 8 bytes long, even percent-encoded (see Redactor): the key travels only
// in the Authorization header, which is also dropped when a redirect
// leaves the API's host, but a hostile server can echo it anywhere. A redirect
// from https to http, or past the tenth, is refused with ErrRedirect. A
// listing that would never end (cursors that go round in a circle, or that
// keep coming with nothing new) ends with ErrEndlessListing.
//
// # Retries
//
// Only GETs exist, so every call may be retried. A 500, 502, 503 or 504, or
// a transport error, is retried after an exponential backoff with full
// jitter: retry n waits a random time below min(MaxDelay, BaseDelay·2ⁿ⁻¹)
// (by default 3 retries, 500 ms base, 8 s cap). A 429 is retried once its
// Retry-After has passed (seconds, fractional seconds or an HTTP date, capped
// at MaxRetryAfter, 60 s by default). 400, 401, 404 and 422 are answers, not
// accidents, and come back at once; so does a refused redirect. When the retries run out, the last error
// comes back inside a *RetryError that counts the attempts. Every wait ends
// as soon as the context is done.
//
// # Rate budget
//
// The API allows 60 list/get and 10 extraction requests per key in any
// sliding 60-second window. The client keeps one bucket per category and
// paces itself so that, on its own, it never earns a 429: a token bucket
// (golang.org/x/time/rate) lets a burst of up to 10 requests out at once and
// then spreads the rest at limit/60 per second, while a log of send times
// holds a hard line that a token bucket alone cannot (its burst plus a
// minute of refill would exceed the limit): no more than `limit` sends in
// any window.
//
// The server's word wins over the client's count. When responses carry
// X-RateLimit-Limit, -Remaining and -Reset, the budget shows those figures
// (kept current between responses with the client's own sends), and when the
// server says none remain, requests wait for its reset, capped at a minute
// (a per-minute window frees within one). Without the headers the client
// shows its own count. Every redirect hop is a request like any other: it
// waits for the budget and is counted. After a 429 the bucket is blocked until
// Retry-After passes: waiting requests do not touch the network, and
// Budget().Read.BlockedUntil says until when, so a UI can count down.
//
// Budget returns a snapshot without I/O. WithBudgetObserver registers a
// function called with a fresh snapshot after every change (request
// admitted, response read, 429 block); it runs on the goroutine that made
// the change, outside the client's lock, and must not block.
package client
