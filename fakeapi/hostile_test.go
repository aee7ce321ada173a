package fakeapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dxdash/dxdash/client"
)

func newHostileServer(t *testing.T) *Server {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Hostile = true
	cfg.ReadPerMinute = unlimited
	cfg.Now = newFakeClock().Now
	return New(cfg)
}

// newHostileClient is a client that reaches srv in memory, with limits
// high enough that pacing does not slow the test.
func newHostileClient(t *testing.T, srv *Server) *client.Client {
	t.Helper()
	c, err := client.New("https://api.dataextractor.test", DemoKey,
		client.WithHTTPClient(&http.Client{Transport: InMemory{Handler: srv}}),
		client.WithRateLimits(unlimited, unlimited))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// walkHostile lists every page through the real client.
func walkHostile(t *testing.T, c *client.Client, limit int) []client.Dataset {
	t.Helper()
	var all []client.Dataset
	for d, err := range c.Datasets(context.Background(), client.ListParams{Limit: limit}) {
		if err != nil {
			t.Fatalf("listing the hostile corpus: %v", err)
		}
		all = append(all, d)
	}
	return all
}

// TestHostileCorpusCarriesEveryAttack checks that the attacks reach a
// client intact: the decoded values still hold the escape sequences, the
// bidi overrides, the long values, the out-of-range numbers and the
// nulls. A sanitizer tested against this corpus is tested against them.
func TestHostileCorpusCarriesEveryAttack(t *testing.T) {
	srv := newHostileServer(t)
	c := newHostileClient(t, srv)
	items := walkHostile(t, c, 7)
	want := srv.Datasets()
	if len(items) != len(want) || len(items) != len(hostilePayloads)+6 {
		t.Fatalf("listed %d datasets, Datasets() has %d, want %d", len(items), len(want), len(hostilePayloads)+6)
	}

	var names strings.Builder
	for i, d := range items {
		if d.ID != want[i].ID {
			t.Errorf("item %d is %q, Datasets() says %q", i, d.ID, want[i].ID)
		}
		names.WriteString(d.DocumentName)
		detail, err := c.GetDataset(context.Background(), d.ID)
		if err != nil {
			t.Fatalf("GetDataset(%q): %v", d.ID, err)
		}
		if same, _ := srv.Dataset(d.ID); same.ID != detail.ID || len(same.Fields) != len(detail.Fields) {
			t.Errorf("Dataset(%q) differs from GET", d.ID)
		}
		for _, f := range detail.Fields {
			names.WriteString(f.Value.String())
		}
	}
	all := names.String()
	for _, attack := range []string{"\x1b]0;", "\x1b]2;", "\x1b]52;", "\x1b]8;;", "\x1b[2J", "\u009b", "\u202e", "\x00", "\b", "\r", "\t", "\x7f", "👩‍👩‍👧‍👦", "請求書", strings.Repeat("A", 10_000), strings.Repeat("長", 10_000)} {
		if !strings.Contains(all, attack) {
			t.Errorf("no value carries %q", attack)
		}
	}

	big, _ := srv.Dataset("ds_hostile_1000_fields")
	if len(big.Fields) != 1000 {
		t.Errorf("the 1000-field dataset has %d fields", len(big.Fields))
	}
	nulls, _ := srv.Dataset("ds_hostile_nulls")
	if nulls.DocumentName != "" || nulls.Status != "" || !nulls.CreatedAt.IsZero() || !nulls.Fields[0].Value.IsNull() {
		t.Errorf("the nulls dataset decoded with values: %+v", nulls)
	}
	odd, _ := srv.Dataset("ds_hostile_out_of_range")
	var page99, outside int
	for _, f := range odd.Fields {
		if f.BoundingBox != nil && f.BoundingBox.Page == 99 {
			page99++
		}
		if f.Confidence < 0 || f.Confidence > 1 {
			outside++
		}
	}
	if acc, _ := odd.OverallAccuracy(); page99 == 0 || outside != len(odd.Fields) || acc <= 1 {
		t.Errorf("out-of-range dataset: %d boxes on page 99, %d of %d confidences outside [0,1], accuracy %v",
			page99, outside, len(odd.Fields), acc)
	}
}

// TestHostileFiltersAndPaging: filters and search narrow the hostile
// corpus as they do the honest one, and a tampered cursor is refused.
func TestHostileFiltersAndPaging(t *testing.T) {
	srv := newHostileServer(t)
	c := newHostileClient(t, srv)
	unverified := false
	for _, tc := range []struct {
		params client.ListParams
		want   int
	}{
		{client.ListParams{CustomerID: "cus_ids"}, 3},
		{client.ListParams{IsVerified: &unverified}, 4}, // three odd ids and the nulls
		{client.ListParams{Search: "CLICK HERE"}, 2},    // its own dataset, and a value of the 1000 fields
		{client.ListParams{Search: "no such text anywhere"}, 0},
	} {
		n := 0
		for _, err := range c.Datasets(context.Background(), tc.params) {
			if err != nil {
				t.Fatalf("%+v: %v", tc.params, err)
			}
			n++
		}
		if n != tc.want {
			t.Errorf("%+v: %d datasets, want %d", tc.params, n, tc.want)
		}
	}
	_, err := c.ListDatasets(context.Background(), client.ListParams{Cursor: "AAAA"})
	if err == nil {
		t.Error("a forged cursor was accepted")
	}
}

// TestHostileRequestIDsCrossARealSocket: the hostile ids are made of bytes
// HTTP lets through, so a real client over TCP gets every response (and
// `demo-api` in hostile mode works), and every id is hostile but one.
func TestHostileRequestIDsCrossARealSocket(t *testing.T) {
	srv := newHostileServer(t)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer ts.Client().CloseIdleConnections()
	seen := map[string]bool{}
	for range len(hostileRequestIDs) {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+datasetsPath+"?limit=1", nil)
		req.Header.Set("Authorization", "Bearer "+DemoKey)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatalf("a hostile response did not cross the socket: %v", err)
		}
		resp.Body.Close()
		seen[resp.Header.Get("X-Request-Id")] = true
	}
	if len(seen) != len(hostileRequestIDs) {
		t.Errorf("saw %d distinct request ids, want %d", len(seen), len(hostileRequestIDs))
	}
	for _, id := range hostileRequestIDs {
		if !seen[id] {
			t.Errorf("request id %q did not arrive intact", id)
		}
	}
	hostile := 0
	for id := range seen {
		if !utf8.ValidString(id) || strings.ContainsAny(id, "\u009b\u202e\u2028") || len(id) > 100 {
			hostile++
		}
	}
	if hostile != len(hostileRequestIDs)-1 {
		t.Errorf("%d hostile request ids, want %d", hostile, len(hostileRequestIDs)-1)
	}
}
