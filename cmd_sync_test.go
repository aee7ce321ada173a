package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
)

// cutAfter is a transport that cancels the sync after n requests, as
// Ctrl+C would.
type cutAfter struct {
	n      int64
	seen   atomic.Int64
	cancel context.CancelFunc
	next   http.RoundTripper
}

func (c *cutAfter) RoundTrip(req *http.Request) (*http.Response, error) {
	if c.seen.Add(1) > c.n && c.cancel != nil {
		c.cancel()
	}
	return c.next.RoundTrip(req)
}

// dxdash sync, interrupted in the middle of its walk and run again, goes
// on from where it stopped: the two runs together list every page once.
func TestSyncResumes(t *testing.T) {
	cfg := fakeapi.DefaultConfig()
	cfg.DatasetCount = 750
	cfg.ReadPerMinute = 100_000
	api := fakeapi.New(cfg)
	checker, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	handler := contract.Handler(checker, api, func(err error) { t.Errorf("off the contract: %v", err) })
	conf := writeExportConfig(t, "http://127.0.0.1:1", "[rate_limits]\nread_per_minute = 100000\n")
	t.Setenv("DATAEXTRACTOR_API_KEY", fakeapi.DemoKey)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(t.TempDir(), "cache"))

	ctx, cancel := context.WithCancel(context.Background())
	cut := &cutAfter{n: 3, cancel: cancel, next: fakeapi.InMemory{Handler: handler}}
	var errOut bytes.Buffer
	status := syncStore(ctx, []string{"--config", conf, "--details", "none"}, &errOut, exportEnv{httpClient: &http.Client{Transport: cut}})
	if status != exitInterrupted || !strings.Contains(errOut.String(), "interrupted after") || !strings.Contains(errOut.String(), "run it again") {
		t.Fatalf("interrupted sync: status %d\n%s", status, errOut.String())
	}
	first := api.Requests().List

	errOut.Reset()
	again := &cutAfter{n: 1 << 30, next: fakeapi.InMemory{Handler: handler}}
	status = syncStore(context.Background(), []string{"--config", conf, "--details", "none"}, &errOut, exportEnv{httpClient: &http.Client{Transport: again}})
	if status != 0 || !strings.Contains(errOut.String(), "resumed") || !strings.Contains(errOut.String(), "done:") {
		t.Fatalf("second sync: status %d\n%s", status, errOut.String())
	}
	if total := api.Requests().List; total != 8+first-3 {
		t.Errorf("%d list requests in all (%d in the first run); want each of the 8 pages once, and the one cut short again", total, first)
	}

	// export --offline: the store's rows, no request.
	before := api.Requests().Total
	var out bytes.Buffer
	errOut.Reset()
	if status := export(context.Background(), []string{"--config", conf, "--offline"}, &out, &errOut, exportEnv{}); status != 0 {
		t.Fatalf("export --offline: %d\n%s", status, errOut.String())
	}
	if lines := strings.Count(out.String(), "\n"); lines != 751 || api.Requests().Total != before {
		t.Errorf("export --offline: %d lines, %d requests", lines, api.Requests().Total-before)
	}
}
