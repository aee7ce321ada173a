package fakeapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// exchange runs a fixed conversation with a server: pages with cursors,
// details, errors. It returns every response, status and headers included.
func exchange(t *testing.T, h *harness) [][]byte {
	t.Helper()
	var out [][]byte
	record := func(target string) []byte {
		rec := h.get(target)
		var b bytes.Buffer
		b.WriteString(target + "\n")
		rec.Header().Write(&b) //nolint:errcheck // a bytes.Buffer
		b.WriteString("\n")
		b.Write(rec.Body.Bytes())
		out = append(out, b.Bytes())
		return rec.Body.Bytes()
	}
	q := url.Values{"limit": {"5"}, "customer_id": {"cus_northwind"}}
	for range 3 {
		var page struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
			NextCursor string `json:"next_cursor"`
		}
		decode(t, record(datasetsPath+"?"+q.Encode()), &page)
		for _, d := range page.Data {
			record(datasetPathPrefix + d.ID)
		}
		q.Set("cursor", page.NextCursor)
	}
	record(datasetsPath + "?search=steel&limit=3")
	record(datasetsPath + "?limit=500")
	record(datasetPathPrefix + "ds_missing")
	return out
}

func TestTheSameSeedGivesByteIdenticalResponses(t *testing.T) {
	a, b := exchange(t, newHarness(t, nil)), exchange(t, newHarness(t, nil))
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("response %d differs between two servers with seed 1:\n%s\n---\n%s", i, a[i], b[i])
		}
	}
	other := exchange(t, newHarness(t, func(c *Config) { c.Seed = 2 }))
	if bytes.Equal(a[0], other[0]) {
		t.Error("seeds 1 and 2 gave the same first page")
	}
}

// The golden files pin the corpus across processes and Go versions, and
// show a reviewer what the API returns. Regenerate with -update.
func TestGoldenResponses(t *testing.T) {
	h := newHarness(t, nil)
	verified, unverified := "", ""
	for _, d := range h.srv.Datasets() {
		if d.Status != "complete" {
			continue
		}
		// A reviewed document with mistakes shows the most.
		if overall, ok := d.OverallAccuracy(); ok && overall < 0.9 && verified == "" {
			verified = d.ID
		}
		if !d.IsVerified && unverified == "" {
			unverified = d.ID
		}
	}
	golden := map[string]string{
		"list-first-page.json":               datasetsPath + "?limit=5",
		"list-verified-acme.json":            datasetsPath + "?limit=3&customer_id=cus_acme&is_verified=true",
		"detail-verified-with-mistakes.json": datasetPathPrefix + verified,
		"detail-unverified.json":             datasetPathPrefix + unverified,
		"error-invalid-limit.json":           datasetsPath + "?limit=1000",
	}
	for name, target := range golden {
		rec := h.get(target)
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, rec.Body.Bytes(), "", "  "); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./fakeapi -run Golden -update)", err)
		}
		if !bytes.Equal(pretty.Bytes(), want) {
			t.Errorf("GET %s differs from %s: the corpus for seed 1 changed", target, path)
		}
		if rec.Code != http.StatusOK && name != "error-invalid-limit.json" {
			t.Errorf("%s: status %d", name, rec.Code)
		}
	}
}
