package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testKey is long and distinctive so that finding it in any text is proof
// of a leak.
const testKey = "sk_test_9f8e7d6c5b4a39281706SECRET"

// handlerTransport serves requests in memory by calling an http.Handler, so
// that tests inside a testing/synctest bubble never touch a real socket.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// newMemoryClient returns a client whose requests reach h in memory.
func newMemoryClient(t *testing.T, h http.Handler, opts ...Option) *Client {
	t.Helper()
	hc := &http.Client{Transport: handlerTransport{h}}
	c, err := New("https://api.dataextractor.test", testKey, append([]Option{WithHTTPClient(hc)}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// newServerClient starts an httptest server running h and returns a client
// for it.
func newServerClient(t *testing.T, h http.Handler, opts ...Option) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, testKey, append([]Option{WithHTTPClient(srv.Client())}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, srv
}

// slowestJitter makes every backoff wait its full ceiling, so tests know the
// schedule.
func slowestJitter(ceiling time.Duration) time.Duration { return ceiling }

// noRetries is a policy that tries once.
var noRetries = WithRetryPolicy(RetryPolicy{MaxRetries: 0})

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeDetail(w http.ResponseWriter, status int, detail string) {
	writeJSON(w, status, map[string]string{"detail": detail})
}

// pageOf is a list page body with one minimal item per id.
func pageOf(next string, ids ...string) map[string]any {
	items := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		items = append(items, map[string]any{"id": id, "document_name": id + ".pdf", "status": "complete"})
	}
	var cursor any
	if next != "" {
		cursor = next
	}
	return map[string]any{"data": items, "next_cursor": cursor}
}

// requestLog records when requests arrive, safely across goroutines.
type requestLog struct {
	mu    sync.Mutex
	times []time.Time
	reqs  []*http.Request
}

func (l *requestLog) add(r *http.Request) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.times = append(l.times, time.Now())
	l.reqs = append(l.reqs, r)
	return len(l.times)
}

func (l *requestLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.times)
}

func (l *requestLog) at() []time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]time.Time(nil), l.times...)
}

// assertNoKey fails if the API key shows in err's text.
func assertNoKey(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, text := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err)} {
		if strings.Contains(text, testKey) {
			t.Errorf("error text contains the API key: %s", text)
		}
	}
}
