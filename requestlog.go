package main

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	line := fmt.Sprintf("%s %s: %d request %q", req.Method, target, resp.StatusCode, l.clean.ServerText(resp.Header.Get("X-Request-Id")))
	if resp.StatusCode < 200 || resp.StatusCode > 299 || resp.Body == nil {
		l.logger.Printf("%s (%s)", line, took)
		return resp, nil
	}
	// A 2xx is only a success once its body reads as JSON: the line waits
	// for the body, so a malformed or cut-short answer is logged as the
	// error it is, not as a 200.
	resp.Body = &loggedBody{ReadCloser: resp.Body, log: l, line: line, start: start}
	return resp, nil
}

// maxLoggedBody bounds what the log keeps of a body to check it: past it
// the body is taken as it is.
const maxLoggedBody = 8 << 20

// loggedBody writes its request's log line when the body is closed, saying
// whether what was read is JSON.
type loggedBody struct {
	io.ReadCloser
	log     requestLog
	line    string
	start   time.Time
	buf     bytes.Buffer
	readErr error
	done    bool
}

func (b *loggedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if b.buf.Len() < maxLoggedBody {
		b.buf.Write(p[:n])
	}
	if err != nil && err != io.EOF {
		b.readErr = err
	}
	return n, err
}

func (b *loggedBody) Close() error {
	err := b.ReadCloser.Close()
	if b.done {
		return err
	}
	b.done = true
	took := time.Since(b.start).Round(time.Millisecond)
	switch {
	case b.readErr != nil:
		b.log.logger.Printf("%s error: body cut short: %s (%s)", b.line, b.log.clean.ServerText(b.readErr.Error()), took)
	case b.buf.Len() < maxLoggedBody && !json.Valid(b.buf.Bytes()):
		b.log.logger.Printf("%s error: malformed body (%d bytes, not JSON) (%s)", b.line, b.buf.Len(), took)
	default:
		b.log.logger.Printf("%s (%s)", b.line, took)
	}
	return err
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
