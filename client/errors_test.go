package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
)

func TestAPIErrorCarriesDetailAndRequestID(t *testing.T) {
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_404_abc")
		writeDetail(w, http.StatusNotFound, "dataset ds_nope not found in this account")
	}))
	_, err := c.GetDataset(context.Background(), "ds_nope")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %#v, want *APIError", err)
	}
	want := APIError{StatusCode: 404, Detail: "dataset ds_nope not found in this account", RequestID: "req_404_abc", Method: "GET", Path: "/api/v1/datasets/ds_nope"}
	if *apiErr != want {
		t.Errorf("APIError = %+v, want %+v", *apiErr, want)
	}
	for _, part := range []string{"404", "not found in this account", "req_404_abc", "GET /api/v1/datasets/ds_nope"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not mention %q", err, part)
		}
	}
	if !errors.Is(err, ErrNotFound) || errors.Is(err, ErrServer) {
		t.Errorf("errors.Is mapping wrong for %v", err)
	}
	if got := c.Budget().LastRequestID; got != "req_404_abc" {
		t.Errorf("Budget().LastRequestID = %q", got)
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	tests := []struct {
		status   int
		detail   string
		sentinel error
	}{
		{400, "limit must be an integer", ErrValidation},
		{400, "cursor expired", ErrCursorExpired},
		{401, "invalid API key", ErrUnauthorized},
		{404, "not found", ErrNotFound},
		{422, "unsupported file", ErrValidation},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status)+"/"+tt.detail, func(t *testing.T) {
			var log requestLog
			c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				log.add(r)
				writeDetail(w, tt.status, tt.detail)
			}))
			_, err := c.ListDatasets(context.Background(), ListParams{})
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("err = %v, want %v", err, tt.sentinel)
			}
			var retryErr *RetryError
			if errors.As(err, &retryErr) {
				t.Errorf("a %d was retried: %v", tt.status, err)
			}
			if n := log.count(); n != 1 {
				t.Errorf("%d requests for a %d, want 1", n, tt.status)
			}
		})
	}
}

func TestSentinelMapping(t *testing.T) {
	all := []error{ErrUnauthorized, ErrNotFound, ErrValidation, ErrRateLimited, ErrServer, ErrCursorExpired}
	tests := []struct {
		err  *APIError
		want []error
	}{
		{&APIError{StatusCode: 400, Detail: "limit out of range"}, []error{ErrValidation}},
		{&APIError{StatusCode: 400, Detail: "Cursor expired: restart from the first page"}, []error{ErrValidation, ErrCursorExpired}},
		{&APIError{StatusCode: 401}, []error{ErrUnauthorized}},
		{&APIError{StatusCode: 403}, []error{ErrUnauthorized}},
		{&APIError{StatusCode: 404, Detail: "cursor expired"}, []error{ErrNotFound}},
		{&APIError{StatusCode: 422}, []error{ErrValidation}},
		{&APIError{StatusCode: 429}, []error{ErrRateLimited}},
		{&APIError{StatusCode: 500}, []error{ErrServer}},
		{&APIError{StatusCode: 504}, []error{ErrServer}},
		{&APIError{StatusCode: 418}, nil},
	}
	for _, tt := range tests {
		for _, sentinel := range all {
			want := false
			for _, w := range tt.want {
				want = want || w == sentinel
			}
			if got := errors.Is(tt.err, sentinel); got != want {
				t.Errorf("errors.Is(%d %q, %v) = %v, want %v", tt.err.StatusCode, tt.err.Detail, sentinel, got, want)
			}
		}
	}
}

func TestErrorDetailIsCleanedForTheTerminal(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"detail": "bad \u001b[31mred\u001b[0m\nnext line"}`, "bad [31mred [0m next line"},
		{`<html><body>Bad Gateway</body></html>`, "<html><body>Bad Gateway</body></html>"},
		{`{"detail": [{"loc": ["query", "limit"], "msg": "too big"}]}`, `[{"loc":["query","limit"],"msg":"too big"}]`},
		{`{"detail": null}`, `{"detail": null}`},
		{"", ""},
	}
	c := newMemoryClient(t, http.NotFoundHandler())
	for _, tt := range tests {
		if got := c.serverText(errorDetail([]byte(tt.body))); got != tt.want {
			t.Errorf("errorDetail(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
	long := c.serverText(errorDetail([]byte(strings.Repeat("x", 10_000))))
	if n := len([]rune(long)); n > maxDetailRunes+1 {
		t.Errorf("detail of %d runes, want at most %d", n, maxDetailRunes+1)
	}
}

// endlessBody is a response body that never ends, counting what was read.
type endlessBody struct {
	prefix string
	read   int64
}

var spaces = bytes.Repeat([]byte(" "), 32<<10)

func (b *endlessBody) Read(p []byte) (int, error) {
	var n int
	if b.read < int64(len(b.prefix)) {
		n = copy(p, b.prefix[b.read:])
	} else {
		n = copy(p, spaces)
	}
	b.read += int64(n)
	return n, nil
}

func (b *endlessBody) Close() error { return nil }

type bodyTransport struct {
	status int
	body   *endlessBody
}

func (t bodyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: t.status, Header: http.Header{"X-Request-Id": {"req_huge"}}, Body: t.body, Request: req, ContentLength: -1}, nil
}

func TestBodiesAreReadThroughACap(t *testing.T) {
	tests := []struct {
		name   string
		status int
		limit  int64
	}{
		{"error body", http.StatusNotFound, maxErrorBody},
		// The success cap is 32 MiB; a smaller one keeps the test quick
		// under -race.
		{"success body", http.StatusOK, 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := &endlessBody{prefix: `{"detail": "`}
			c, err := New("https://api.dataextractor.test", testKey, WithHTTPClient(&http.Client{Transport: bodyTransport{tt.status, body}}))
			if err != nil {
				t.Fatal(err)
			}
			if c.maxBody != maxSuccessBody {
				t.Fatalf("default success cap %d, want %d", c.maxBody, maxSuccessBody)
			}
			c.maxBody = 1 << 20
			_, err = c.ListDatasets(context.Background(), ListParams{})
			if err == nil {
				t.Fatal("no error for an endless body")
			}
			// bytes.Buffer reads in chunks, so allow one chunk past the cap.
			if body.read > tt.limit+64<<10 {
				t.Errorf("read %d bytes, cap is %d", body.read, tt.limit)
			}
			if tt.status == http.StatusOK {
				var decodeErr *DecodeError
				if !errors.As(err, &decodeErr) || !errors.Is(err, errBodyTooLarge) || decodeErr.RequestID != "req_huge" {
					t.Errorf("err = %v, want a DecodeError for a body too large", err)
				}
			}
		})
	}
}

func TestMalformedSuccessBodyIsAnError(t *testing.T) {
	tests := []struct{ name, body string }{
		{"truncated", `{"data": [{"id": "ds_1"`},
		{"null", `null`},
		{"array", `[]`},
		{"empty", ``},
		{"html", `<html>maintenance</html>`},
		{"wrong type", `{"data": {"id": "ds_1"}}`},
		{"item without id", `{"data": [{"document_name": "a.pdf"}], "next_cursor": null}`},
		{"trailing garbage", `{"data": [], "next_cursor": null} {"x": 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log requestLog
			c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				log.add(r)
				w.Header().Set("X-Request-Id", "req_bad_json")
				io.WriteString(w, tt.body)
			}))
			page, err := c.ListDatasets(context.Background(), ListParams{})
			var decodeErr *DecodeError
			if !errors.As(err, &decodeErr) {
				t.Fatalf("err = %v (page %+v), want *DecodeError", err, page)
			}
			if decodeErr.RequestID != "req_bad_json" || !strings.Contains(err.Error(), "malformed response") || !strings.Contains(err.Error(), "req_bad_json") {
				t.Errorf("error %q should say the response was malformed and give the request id", err)
			}
			if log.count() != 1 {
				t.Errorf("a malformed 2xx was retried (%d requests)", log.count())
			}
		})
	}
}

func TestTransportErrorsAreRetriedThenWrappedWithTheAttemptCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		reset := errors.New("connection reset by peer")
		var calls int
		hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			calls++
			return nil, reset
		})}
		c, err := New("https://api.dataextractor.test", testKey, WithHTTPClient(hc))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListDatasets(context.Background(), ListParams{})
		var retryErr *RetryError
		if !errors.As(err, &retryErr) || retryErr.Attempts != 4 {
			t.Fatalf("err = %v, want a RetryError after 4 attempts", err)
		}
		if !errors.Is(err, reset) || !strings.Contains(err.Error(), "4 attempts") {
			t.Errorf("err = %q should wrap the transport error and count the attempts", err)
		}
		if calls != 4 {
			t.Errorf("%d calls, want 4", calls)
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestDroppedConnectionIsRetried uses a real server that hangs up without
// answering.
func TestDroppedConnectionIsRetried(t *testing.T) {
	var log requestLog
	c, _ := newServerClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if log.add(r) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		writeJSON(w, 200, pageOf("", "ds_1"))
	}), WithRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: 1, MaxDelay: 1}))
	page, err := c.ListDatasets(context.Background(), ListParams{})
	if err != nil {
		t.Fatalf("err = %v, want success on the retry", err)
	}
	if len(page.Data) != 1 || log.count() != 2 {
		t.Errorf("page %+v after %d requests", page, log.count())
	}
}

func TestKeyNeverAppearsInErrorText(t *testing.T) {
	echo := "invalid key " + testKey + " (Bearer " + testKey + ")"
	scenarios := map[string]http.HandlerFunc{
		"401 echoing the key": func(w http.ResponseWriter, r *http.Request) {
			writeDetail(w, 401, echo)
		},
		"500 echoing the key, retried": func(w http.ResponseWriter, r *http.Request) {
			writeDetail(w, 500, echo)
		},
		"429 echoing the key": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "0")
			writeDetail(w, 429, r.Header.Get("Authorization"))
		},
		"malformed body with the key": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"data": "`+testKey+`"`)
		},
		"redirect to a dead address carrying the key": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/steal?key="+testKey, http.StatusFound)
		},
		"request id with the key": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", testKey)
			writeDetail(w, 404, "nope")
		},
		"malformed 2xx body that starts with the key": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, testKey+" is not JSON")
		},
		"malformed 2xx body that starts with the key percent-encoded": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, percentEncodeAll(testKey))
		},
		"redirect carrying the key percent-encoded": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/steal?key="+percentEncodeAll(testKey), http.StatusFound)
		},
		"redirect carrying the key encoded twice": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/steal?key="+strings.ReplaceAll(percentEncodeAll(testKey), "%", "%25"), http.StatusFound)
		},
		"key split by control characters": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", testKey[:9]+"\u202e"+testKey[9:])
			writeDetail(w, 400, testKey[:12]+"\x00\x1b\u2066"+testKey[12:])
		},
		"key in pieces of 5 that bidi controls keep apart": func(w http.ResponseWriter, r *http.Request) {
			// Each piece alone is too short to hide; removing the bidi
			// controls joins them.
			var split strings.Builder
			for i := 0; i < len(testKey); i += 5 {
				split.WriteString(testKey[i:min(i+5, len(testKey))] + "\u202e")
			}
			w.Header().Set("X-Request-Id", split.String())
			writeDetail(w, 502, split.String())
		},
		"key across the detail's cut": func(w http.ResponseWriter, r *http.Request) {
			writeDetail(w, 422, strings.Repeat("x", maxDetailRunes-12)+testKey)
		},
		"a piece of the key in a 5xx's request id": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", "req_"+testKey[5:17])
			writeDetail(w, 503, "down; your key ends "+testKey[len(testKey)-9:])
		},
	}
	for name, h := range scenarios {
		t.Run(name, func(t *testing.T) {
			c, _ := newServerClient(t, h, unpaced, WithRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: 1, MaxDelay: 1}))
			_, err := c.ListDatasets(context.Background(), ListParams{})
			if err == nil {
				t.Fatal("want an error")
			}
			assertNoKey(t, err)
			for _, err := range c.Datasets(context.Background(), ListParams{}) {
				assertNoKey(t, err)
			}
			_, err = c.GetDataset(context.Background(), "ds_1")
			assertNoKey(t, err)
			if piece := keyPiece(c.Budget().LastRequestID); piece != "" {
				t.Errorf("the budget's request id shows %q of the key", piece)
			}
		})
	}
}

// TestEveryFieldOfAnAPIErrorIsRedacted reads the fields the dashboard
// shows one by one: Error() being clean is not enough.
func TestEveryFieldOfAnAPIErrorIsRedacted(t *testing.T) {
	c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_"+testKey)
		writeDetail(w, 404, "no dataset for key "+testKey)
	}), noRetries)
	_, err := c.GetDataset(context.Background(), "ds_1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want an *APIError", err)
	}
	if apiErr.Detail != "no dataset for key [redacted]" || apiErr.RequestID != "req_[redacted]" {
		t.Errorf("Detail %q, RequestID %q; want the key redacted in both", apiErr.Detail, apiErr.RequestID)
	}

	c = newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", testKey)
		io.WriteString(w, testKey)
	}), noRetries)
	_, err = c.GetDataset(context.Background(), "ds_1")
	var decodeErr *DecodeError
	if !errors.As(err, &decodeErr) {
		t.Fatalf("err = %v, want a *DecodeError", err)
	}
	if decodeErr.RequestID != "[redacted]" || decodeErr.Err.Error() != `expected a JSON object, got "[redacted]"` {
		t.Errorf("RequestID %q, Err %q; want the key redacted in both", decodeErr.RequestID, decodeErr.Err)
	}
}

// TestServerTextHidesAKeyCutShort: however the cut at maxDetailRunes falls
// across an echoed key, not even its first 4 characters are left: the key
// is hidden before the text is cut.
func TestServerTextHidesAKeyCutShort(t *testing.T) {
	c := newMemoryClient(t, http.NotFoundHandler())
	for left := 1; left <= len(testKey); left++ {
		text := strings.Repeat("x", maxDetailRunes-left) + testKey + " and more"
		if got := c.serverText(text); strings.Contains(got, testKey[:4]) {
			t.Errorf("%d characters of the key before the cut: the text ends %q", left, got[len(got)-20:])
		}
		if got := c.excerpt([]byte(text[maxDetailRunes-20:]), 20); strings.Contains(got, testKey[:4]) {
			t.Errorf("excerpt with %d characters of the key: %s", left, got)
		}
	}
}

// percentEncodeAll writes every byte of s as %XX, as a server may.
func percentEncodeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}
