package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewRefusesUnsafeOrBrokenSetup(t *testing.T) {
	tests := []struct {
		name, url, key string
		opts           []Option
		want           string
	}{
		{"empty key", "https://api.dataextractor.io", "", nil, "empty API key"},
		{"blank key", "https://api.dataextractor.io", "   ", nil, "empty API key"},
		{"key with a newline", "https://api.dataextractor.io", testKey + "\n", nil, "control characters"},
		{"relative URL", "api.dataextractor.io", testKey, nil, "not absolute"},
		{"path only", "/api/v1", testKey, nil, "not absolute"},
		{"other scheme", "ftp://api.dataextractor.io", testKey, nil, "scheme must be https"},
		{"http to a public host", "http://api.dataextractor.io", testKey, nil, "clear text"},
		{"http to a private address", "http://10.0.0.7:8080", testKey, nil, "clear text"},
		{"http to a look-alike of localhost", "http://localhost.evil.example", testKey, nil, "clear text"},
		{"credentials in the URL", "https://user:" + testKey + "@api.dataextractor.io", testKey, nil, "user name or password"},
		{"query in the URL", "https://api.dataextractor.io/?x=1", testKey, nil, "query or fragment"},
		{"zero rate limit", "https://api.dataextractor.io", testKey, []Option{WithRateLimits(0, 10)}, "rate limits must be positive"},
		{"negative retries", "https://api.dataextractor.io", testKey, []Option{WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, "MaxRetries"},
		{"nil clock", "https://api.dataextractor.io", testKey, []Option{WithClock(nil)}, "nil clock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.url, tt.key, tt.opts...)
			if err == nil {
				t.Fatalf("New(%q) = %v, want an error", tt.url, c)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			assertNoKey(t, err)
		})
	}
}

// TestBaseURLForms checks every accepted way of writing the base URL reaches
// the same API path.
func TestBaseURLForms(t *testing.T) {
	tests := []struct{ base, wantPath string }{
		{"https://api.dataextractor.io", "/api/v1/datasets"},
		{"https://api.dataextractor.io/", "/api/v1/datasets"},
		{"https://api.dataextractor.io/api/v1", "/api/v1/datasets"},
		{"https://api.dataextractor.io/api/v1/", "/api/v1/datasets"},
		{"https://gateway.example/dx", "/dx/api/v1/datasets"},
		{"http://localhost:8080", "/api/v1/datasets"},
		{"http://127.0.0.5:9", "/api/v1/datasets"},
		{"http://[::1]:9", "/api/v1/datasets"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			var got string
			hc := &http.Client{Transport: handlerTransport{http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = r.URL.Path
				writeJSON(w, 200, pageOf(""))
			})}}
			c, err := New(tt.base, testKey, WithHTTPClient(hc))
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
				t.Fatalf("ListDatasets: %v", err)
			}
			if got != tt.wantPath {
				t.Errorf("path = %q, want %q", got, tt.wantPath)
			}
		})
	}
}

func TestRequestHeaders(t *testing.T) {
	var got http.Header
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		writeJSON(w, 200, pageOf(""))
	})
	c, _ := newServerClient(t, h)
	if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
		t.Fatal(err)
	}
	if auth := got.Get("Authorization"); auth != "Bearer "+testKey {
		t.Errorf("Authorization = %q, want the bearer key", auth)
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "dxdash/") {
		t.Errorf("User-Agent = %q, want dxdash/<version>", ua)
	}
	if accept := got.Get("Accept"); accept != "application/json" {
		t.Errorf("Accept = %q", accept)
	}

	c, _ = newServerClient(t, h, WithUserAgent("dxdash/1.2.3 (test)"))
	if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
		t.Fatal(err)
	}
	if ua := got.Get("User-Agent"); ua != "dxdash/1.2.3 (test)" {
		t.Errorf("User-Agent = %q after WithUserAgent", ua)
	}
}

func TestWithTimeoutBoundsAnAttempt(t *testing.T) {
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	c, _ := newServerClient(t, h, WithTimeout(20*time.Millisecond), noRetries)
	defer close(release)
	_, err := c.ListDatasets(context.Background(), ListParams{})
	var timeout interface{ Timeout() bool }
	if !errors.As(err, &timeout) || !timeout.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
}

func TestListDatasetsSendsEveryFilter(t *testing.T) {
	var query map[string][]string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Query()
		writeJSON(w, 200, pageOf(""))
	})
	c := newMemoryClient(t, h)
	verified := false
	_, err := c.ListDatasets(context.Background(), ListParams{
		CustomerID: "cus_northwind", DatasetType: "invoice", Search: "steel & brackets",
		IsVerified: &verified, Limit: 100, Cursor: "opaque/+=",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"customer_id": "cus_northwind", "dataset_type": "invoice", "search": "steel & brackets",
		"is_verified": "false", "limit": "100", "cursor": "opaque/+=",
	}
	if len(query) != len(want) {
		t.Errorf("query = %v, want exactly %v", query, want)
	}
	for k, v := range want {
		if got := query[k]; len(got) != 1 || got[0] != v {
			t.Errorf("%s = %v, want %q", k, got, v)
		}
	}

	if _, err := c.ListDatasets(context.Background(), ListParams{}); err != nil {
		t.Fatal(err)
	}
	if len(query) != 0 {
		t.Errorf("zero ListParams sent %v, want no query at all", query)
	}
}

func TestListDatasetsRefusesBadLimitBeforeSending(t *testing.T) {
	var log requestLog
	c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		writeJSON(w, 200, pageOf(""))
	}))
	for _, limit := range []int{-1, 101, 1000} {
		_, err := c.ListDatasets(context.Background(), ListParams{Limit: limit})
		if !errors.Is(err, ErrValidation) {
			t.Errorf("Limit %d: err = %v, want ErrValidation", limit, err)
		}
	}
	if n := log.count(); n != 0 {
		t.Errorf("%d requests sent for refused limits", n)
	}
}

func TestGetDatasetEscapesTheID(t *testing.T) {
	var escaped string
	c := newMemoryClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		escaped = r.URL.EscapedPath()
		writeJSON(w, 200, map[string]any{"id": "a/b c?d"})
	}))
	ds, err := c.GetDataset(context.Background(), "a/b c?d")
	if err != nil {
		t.Fatal(err)
	}
	if want := "/api/v1/datasets/a%2Fb%20c%3Fd"; escaped != want {
		t.Errorf("path = %q, want %q", escaped, want)
	}
	if ds.ID != "a/b c?d" {
		t.Errorf("ID = %q", ds.ID)
	}
	for _, id := range []string{"", ".", ".."} {
		if _, err := c.GetDataset(context.Background(), id); !errors.Is(err, ErrValidation) {
			t.Errorf("GetDataset(%q) err = %v, want ErrValidation", id, err)
		}
	}
}

func TestTimeoutSettings(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want time.Duration
	}{
		{"default", nil, DefaultTimeout},
		{"WithTimeout", []Option{WithTimeout(2 * time.Second)}, 2 * time.Second},
		{"caller's client keeps its timeout", []Option{WithHTTPClient(&http.Client{Timeout: 5 * time.Second})}, 5 * time.Second},
		{"caller's client without one gets the default", []Option{WithHTTPClient(&http.Client{})}, DefaultTimeout},
		{"WithTimeout wins over the caller's client", []Option{WithHTTPClient(&http.Client{Timeout: 5 * time.Second}), WithTimeout(time.Second)}, time.Second},
	}
	for _, tt := range tests {
		c, err := New("https://api.dataextractor.io", testKey, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if c.http.Timeout != tt.want {
			t.Errorf("%s: timeout %v, want %v", tt.name, c.http.Timeout, tt.want)
		}
	}
}
