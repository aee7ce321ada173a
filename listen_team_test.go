//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dxdash/dxdash/store"
)

// startTeamListener runs `dxdash listen` on the shared store, with its
// log; stop sends SIGTERM and waits for a clean exit.
func startTeamListener(t *testing.T, conf, addr string) (log *lockedBuffer, stop func()) {
	t.Helper()
	cmd := exec.Command(buildBinary(t), "listen", "--config", conf, "--addr", addr, "--details", "none", "--resync", "0",
		"--store-dsn-env", "DXDASH_TEST_PG_DSN")
	cmd.Env = append(os.Environ(), "DATAEXTRACTOR_API_KEY=demo-key", "DATAEXTRACTOR_WEBHOOK_SECRET="+e2eSecret)
	log = &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("listen on SIGTERM: %v\n%s", err, log)
			}
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("listen still running 30 s after SIGTERM\n%s", log)
		}
	}
	t.Cleanup(stop)
	return log, stop
}

// `dxdash listen --store-dsn-env` against demo-api: it migrates the shared
// store, syncs into it, beats the heartbeat, answers a dashboard's request
// rows, and a request filed while it is down is answered when it is back.
func TestListenServesSharedStore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dsn := testPGDSN(t)
	addr := freePort(t)
	// 250 datasets: a search for "." matches more than one page of 100.
	baseURL := startHookedDemoAPIOf(t, "http://"+addr+"/webhooks/dataextractor", 250)
	account := store.FileName(baseURL, "demo-key")
	dropAccount(t, dsn, account)
	conf := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(conf, fmt.Appendf(nil, "base_url = %q\n", baseURL), 0o600); err != nil {
		t.Fatal(err)
	}
	log, stop := startTeamListener(t, conf, addr)
	ctx := context.Background()
	var st store.Store
	waitFor(t, 30*time.Second, "shared store migrated by the listener", log, func() bool {
		s, err := store.OpenPostgres(ctx, dsn, store.PostgresOptions{Account: account})
		if err != nil {
			return false
		}
		st = s
		return true
	})
	defer st.Close()
	req := st.(store.Requests)
	waitFor(t, 30*time.Second, "synced rows and a heartbeat after the sync", log, func() bool {
		l, ok, err := req.Listener(ctx)
		return err == nil && ok && !l.LastSync.IsZero() && l.Limit > 0
	})
	rows, err := st.Rows(ctx, store.Query{Limit: 1000})
	if err != nil || len(rows) != 250 {
		t.Fatalf("%d rows synced (%v), want 250", len(rows), err)
	}
	answered := func(id int64) func() bool {
		return func() bool {
			r, ok, err := req.Request(ctx, id)
			return err == nil && ok && !r.DoneAt.IsZero()
		}
	}
	id, err := req.Ask(ctx, store.Request{Kind: store.RequestDataset, DatasetID: rows[0].ID, By: "test", At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the dataset request answered", log, answered(id))
	if r, _, _ := req.Request(ctx, id); r.Error != "" {
		t.Errorf("dataset request: %q", r.Error)
	}
	if d, err := st.Details(ctx, []string{rows[0].ID}); err != nil || len(d) != 1 {
		t.Errorf("the asked-for detail is not in the store (%v)", err)
	}

	// Down: a search asked meanwhile waits for the next listener.
	stop()
	key := store.SearchKey{Query: "."}
	id, err = req.Ask(ctx, store.Request{Kind: store.RequestSearch, Search: key, By: "test", At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	log2, _ := startTeamListener(t, conf, addr)
	waitFor(t, 30*time.Second, "the search asked while the listener was down answered", log2, answered(id))
	first, ok, err := st.Search(ctx, key)
	if err != nil || !ok {
		t.Fatalf("the search's answer is not in the store (%v)", err)
	}
	// Its next page, asked by cursor, lands after the first in the answer.
	if first.Complete || first.Next == "" {
		t.Fatalf("the search %q fits one page (%d rows): the test wants two", key.Query, len(first.Rows))
	}
	id, err = req.Ask(ctx, store.Request{Kind: store.RequestSearch, Search: key, Cursor: first.Next, By: "test", At: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the search's second page answered", log2, answered(id))
	if r, _, _ := req.Request(ctx, id); r.Error != "" {
		t.Errorf("second page: %q", r.Error)
	}
	if both, _, err := st.Search(ctx, key); err != nil || len(both.Rows) <= len(first.Rows) {
		t.Errorf("after the second page the answer holds %d rows (%v), the first page %d", len(both.Rows), err, len(first.Rows))
	}
	if !strings.Contains(log2.String(), ", a later page") {
		t.Errorf("listen's log does not tell the later page:\n%s", log2)
	}
	if !strings.Contains(log.String(), "store shared on ") || strings.Contains(log.String(), "demo-key") {
		t.Errorf("listen's log:\n%s", log)
	}
}
