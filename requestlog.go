package main

import (
	"log"
	"net/http"
	"time"
)

// requestLog is an http.RoundTripper that writes one line per request to the
// --log file: method, path and query, status, request id and duration. It
// never logs headers, so the key stays out of the log.
type requestLog struct {
	next   http.RoundTripper
	logger *log.Logger
}

func (l requestLog) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := l.next.RoundTrip(req)
	took := time.Since(start).Round(time.Millisecond)
	target := req.URL.EscapedPath()
	if req.URL.RawQuery != "" {
		target += "?" + req.URL.RawQuery
	}
	if err != nil {
		l.logger.Printf("%s %s: %v (%s)", req.Method, target, err, took)
		return nil, err
	}
	l.logger.Printf("%s %s: %d request %q (%s)", req.Method, target, resp.StatusCode, resp.Header.Get("X-Request-Id"), took)
	return resp, nil
}
