package syncer_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
)

const killDatasets = 600

// A sync killed with SIGKILL at random points, 24 times over, on one
// store: each time the store opens sound, holds everything the killed
// process had committed, and the next sync goes on from there; a last sync
// finishes the job with exactly the requests left to make.
func TestKillNineMidSync(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 24 processes")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	rng := rand.New(rand.NewPCG(14, 9))
	ctx := context.Background()
	for round := range 24 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSyncChild$")
		cmd.Env = append(os.Environ(), "DXDASH_SYNC_CHILD="+path)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		killAfter := rng.IntN(25)
		var pagesSeen, detailsSeen int
		for n := 0; n < killAfter && lines.Scan(); n++ {
			fmt.Sscanf(lines.Text(), "committed %d pages %d details", &pagesSeen, &detailsSeen)
		}
		cmd.Process.Kill() // SIGKILL: no deferred function, no close
		for lines.Scan() {
		}
		cmd.Wait()

		st, err := store.OpenSQLite(ctx, path, store.SQLiteOptions{})
		if err != nil {
			t.Fatalf("round %d: the store does not open after kill -9: %v", round, err)
		}
		w, _ := st.Walk(ctx)
		c, _ := st.Count(ctx, store.Filter{})
		rows, err := st.Rows(ctx, store.Query{Limit: killDatasets})
		if err == nil {
			ids := make([]string, len(rows))
			for i, r := range rows {
				ids[i] = r.ID
			}
			_, err = st.Details(ctx, ids) // every stored detail decodes
		}
		st.Close()
		if err != nil {
			t.Fatalf("round %d: reading the store: %v", round, err)
		}
		committedRows := min(pagesSeen*100, killDatasets)
		if w.LastComplete.IsZero() && (c.Rows < committedRows || c.Details < detailsSeen) {
			t.Fatalf("round %d: the child committed %d pages and %d details, the store has %d rows and %d details",
				round, pagesSeen, detailsSeen, c.Rows, c.Details)
		}
		if c.Details < detailsSeen {
			t.Fatalf("round %d: %d details committed, %d stored", round, detailsSeen, c.Details)
		}
	}

	// The last sync finishes the job, with the requests left and no more.
	e := newEnv(t, killDatasets, fakeapi.Rates{}, fast)
	o, err := store.Open(ctx, store.Options{Setting: path})
	if err != nil || len(o.Notices) > 0 {
		t.Fatalf("open: %v %q", err, o.Notices)
	}
	st := o.Store
	defer st.Close()
	w, _ := st.Walk(ctx)
	wanted, _ := st.DetailsWanted(ctx, store.DetailsAll, 1<<30)
	wantPages := pages(killDatasets)
	if w.InProgress && w.Cursor != "" {
		wantPages -= w.Pages
	}
	p, err := syncer.New(e.api, st, syncer.Options{}).Sync(ctx, store.DetailsAll)
	if err != nil {
		t.Fatal(err)
	}
	lists, details, _ := e.reqs.since(0)
	t.Logf("after 24 kills: walk %d (%d pages stored, in progress %v); the last sync: %d pages, %d details",
		w.Walk, w.Pages, w.InProgress, lists, details)
	// A walk cut short before its details are all fetched has the
	// details it wanted then, plus those of datasets it had yet to list.
	if lists != wantPages || (w.InProgress == false && details != len(wanted)) || p.Resumed != (w.InProgress && w.Cursor != "") {
		t.Errorf("the last sync made %d list and %d detail requests; want %d and %d", lists, details, wantPages, len(wanted))
	}
	if left, _ := st.DetailsWanted(ctx, store.DetailsAll, 10); len(left) != 0 {
		t.Errorf("details still wanted: %v", left)
	}
	if c, _ := st.Count(ctx, store.Filter{}); c.Rows != killDatasets {
		t.Errorf("%d rows, want %d", c.Rows, killDatasets)
	}
}

// TestSyncChild is the process TestKillNineMidSync kills: a sync of a
// fakeapi account into the store at $DXDASH_SYNC_CHILD, saying after each
// commit what it has committed.
func TestSyncChild(t *testing.T) {
	path := os.Getenv("DXDASH_SYNC_CHILD")
	if path == "" {
		t.Skip("the process TestKillNineMidSync starts")
	}
	ctx := context.Background()
	e := newEnv(t, killDatasets, fakeapi.Rates{}, fast)
	o, err := store.Open(ctx, store.Options{Setting: path})
	if err != nil || len(o.Notices) > 0 {
		fmt.Fprintln(os.Stderr, "child: open:", err, o.Notices)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	s := syncer.New(e.api, o.Store, syncer.Options{OnProgress: func(p syncer.Progress) {
		out.WriteString("committed " + strconv.Itoa(p.Pages) + " pages " + strconv.Itoa(p.Details) + " details\n")
		out.Flush()
	}})
	if _, err := s.Sync(ctx, store.DetailsAll); err != nil {
		fmt.Fprintln(os.Stderr, "child:", strings.TrimSpace(err.Error()))
		os.Exit(4)
	}
	o.Store.Close()
	os.Exit(0)
}
