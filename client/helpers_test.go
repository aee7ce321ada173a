package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
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

// assertNoKey fails if the API key, or any piece of it MinRedactedPiece
// bytes long, shows anywhere in err: in the text of err or of any error it
// wraps, or in any string field of any of them (APIError.Detail and
// RequestID, DecodeError.RequestID, url.Error.URL, ...), which is what a
// caller that looks inside with errors.As gets to show.
func assertNoKey(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, text := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err)} {
		if piece := keyPiece(text); piece != "" {
			t.Errorf("error text shows %q of the API key: %s", piece, text)
		}
	}
	seen := map[uintptr]bool{}
	var walk func(where string, v reflect.Value, depth int)
	walk = func(where string, v reflect.Value, depth int) {
		if depth > 20 || !v.IsValid() {
			return
		}
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if v.IsNil() {
				return
			}
			if v.Kind() == reflect.Pointer {
				if seen[v.Pointer()] {
					return
				}
				seen[v.Pointer()] = true
			}
			if v.CanInterface() {
				if e, ok := v.Interface().(error); ok {
					if piece := keyPiece(e.Error()); piece != "" {
						t.Errorf("%s (%T).Error() shows %q of the API key: %s", where, e, piece, e.Error())
					}
				}
			}
			walk(where, v.Elem(), depth+1)
		case reflect.Struct:
			for i := range v.NumField() {
				walk(where+"."+v.Type().Field(i).Name, v.Field(i), depth+1)
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(fmt.Sprintf("%s[%d]", where, i), v.Index(i), depth+1)
			}
		case reflect.String:
			if piece := keyPiece(v.String()); piece != "" {
				t.Errorf("field %s shows %q of the API key: %q", where, piece, v.String())
			}
		}
	}
	walk("err", reflect.ValueOf(&err).Elem(), 0)
}

// keyPiece returns a piece of testKey MinRedactedPiece bytes long that s
// spells, literally or once or twice percent-decoded, or "".
func keyPiece(s string) string {
	texts := []string{s}
	for range 2 {
		texts = append(texts, unescapePercents(texts[len(texts)-1]))
	}
	for _, text := range texts {
		for i := 0; i+MinRedactedPiece <= len(testKey); i++ {
			if piece := testKey[i : i+MinRedactedPiece]; strings.Contains(text, piece) {
				return piece
			}
		}
	}
	return ""
}

// unescapePercents decodes every valid %XX in s and leaves the rest, so
// that a stray "%" cannot hide an encoded key from keyPiece.
func unescapePercents(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if c, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(c))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
