package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testStart is the fake clock's start: the corpus epoch, when the few
// datasets still processing have seconds to go (they are done 5 to 40 s
// after it, whenever the server was started).
var testStart = DefaultEpoch

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: testStart} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// harness drives a Server through ServeHTTP and checks every response
// against the contract.
type harness struct {
	t     testing.TB
	srv   *Server
	clock *fakeClock
	key   string
}

// unlimited is a rate limit no test reaches, for tests about other things.
const unlimited = 1 << 30

// newHarness starts a server on a fake clock. Tests that are not about
// rate limits lift the limit so that they can walk every page.
func newHarness(t testing.TB, configure func(*Config)) *harness {
	t.Helper()
	clock := newFakeClock()
	cfg := DefaultConfig()
	cfg.Now = clock.Now
	cfg.ReadPerMinute = unlimited
	if configure != nil {
		configure(&cfg)
	}
	return &harness{t: t, srv: New(cfg), clock: clock, key: DemoKey}
}

// do sends the request with the harness's key (unless it has an
// Authorization header already) and validates the response.
func (h *harness) do(req *http.Request) *httptest.ResponseRecorder {
	h.t.Helper()
	if _, set := req.Header["Authorization"]; !set {
		req.Header.Set("Authorization", "Bearer "+h.key)
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	if err := contractFor(h.t).Check(req, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
		h.t.Errorf("contract violation: %v", err)
	}
	return rec
}

func (h *harness) get(target string) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.do(httptest.NewRequest(http.MethodGet, target, nil))
}

// list fetches one page, failing the test unless it is a 200.
func (h *harness) list(query url.Values) client.Page {
	h.t.Helper()
	rec := h.get(datasetsPath + "?" + query.Encode())
	if rec.Code != http.StatusOK {
		h.t.Fatalf("GET %s?%s = %d %s", datasetsPath, query.Encode(), rec.Code, rec.Body)
	}
	var page client.Page
	decode(h.t, rec.Body.Bytes(), &page)
	return page
}

// walk follows next_cursor from the first page to the last.
func (h *harness) walk(query url.Values) []client.Dataset {
	h.t.Helper()
	var all []client.Dataset
	q := cloneQuery(query)
	for pages := 0; ; pages++ {
		if pages > 200_000 {
			h.t.Fatal("pagination does not end")
		}
		page := h.list(q)
		all = append(all, page.Data...)
		if page.NextCursor == "" {
			return all
		}
		q.Set("cursor", page.NextCursor)
	}
}

func (h *harness) detail(id string) client.Dataset {
	h.t.Helper()
	rec := h.get(datasetPathPrefix + id)
	if rec.Code != http.StatusOK {
		h.t.Fatalf("GET %s = %d %s", id, rec.Code, rec.Body)
	}
	var d client.Dataset
	decode(h.t, rec.Body.Bytes(), &d)
	return d
}

func decode(t testing.TB, body []byte, into any) {
	t.Helper()
	if err := json.Unmarshal(body, into); err != nil {
		t.Fatalf("decoding %.200s: %v", body, err)
	}
}

func detailOf(t testing.TB, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var e struct{ Detail string }
	decode(t, rec.Body.Bytes(), &e)
	return e.Detail
}

func cloneQuery(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}

func ids(ds []client.Dataset) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}
