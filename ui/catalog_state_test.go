package ui

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dxdash/dxdash/store"
)

// On a store several reviewers share, each keeps their own sort and
// filters: what one saves, the next session of the same reviewer opens
// with, and another reviewer does not.
func TestReviewersKeepTheirOwnViewState(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "store.db"), store.SQLiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ana := newCatalog(Local{Store: st, Offline: true, Reviewer: "ana@laptop"})
	if err := ana.SaveState(ctx, "ui.list", `{"sort":"accuracy"}`); err != nil {
		t.Fatal(err)
	}
	if err := newCatalog(Local{Store: st, Offline: true, Reviewer: "ben@desk"}).SaveState(ctx, "ui.list", `{"sort":"created"}`); err != nil {
		t.Fatal(err)
	}
	for who, want := range map[string]string{"ana@laptop": `{"sort":"accuracy"}`, "ben@desk": `{"sort":"created"}`} {
		got, ok := newCatalog(Local{Store: st, Offline: true, Reviewer: who}).SavedState("ui.list")
		if !ok || got != want {
			t.Errorf("%s opens with %q %v, saved %q", who, got, ok, want)
		}
	}
	if got, ok := newCatalog(Local{Store: st, Offline: true, Reviewer: "cleo@home"}).SavedState("ui.list"); ok {
		t.Errorf("a reviewer who saved nothing opens with another's state: %q", got)
	}
	// A store of one's own keeps the plain key, as before team mode.
	own := newCatalog(Local{Store: st, Offline: true})
	if _, ok := own.SavedState("ui.list"); ok {
		t.Error("a store of one's own reads a reviewer's state")
	}
	if err := own.SaveState(ctx, "ui.list", "mine"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := st.State(ctx, "ui.list"); !ok || v != "mine" {
		t.Errorf("a store of one's own keeps %q %v under ui.list", v, ok)
	}
}
