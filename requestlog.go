package main

import (
	"io"
	"log"
	"net/http"
	"time"

	"github.com/dxdash/dxdash/client"
)

// requestLog is an http.RoundTripper that writes one line per request to the
// --log file: method, path and query, status, request id and duration. It
// never logs headers, so the key it sends stays out of the log; and since
// a hostile server can echo the key back (in a request id, a cursor that
// then rides in the query, a redirect's Location), the logger it writes to
// is a redactingWriter.
type requestLog struct {
	next   http.RoundTripper
	logger *log.Logger
	// clean is the screen's treatment for server text: controls out, the
	// key out. The request id and errors are server text.
	clean client.Redactor
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
		l.logger.Printf("%s %s: %s (%s)", req.Method, target, l.clean.ServerText(err.Error()), took)
		return nil, err
	}
	l.logger.Printf("%s %s: %d request %q (%s)", req.Method, target, resp.StatusCode, l.clean.ServerText(resp.Header.Get("X-Request-Id")), took)
	return resp, nil
}

// redactingWriter is the --log file: every line the logger writes passes
// through the redactor first, whoever wrote it (the request log, the demo
// server's error log, the dashboard's own lines). log.Logger writes each
// line in one Write, so a key cannot straddle two.
type redactingWriter struct {
	w      io.Writer
	redact client.Redactor
}

func (r redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, r.redact.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
