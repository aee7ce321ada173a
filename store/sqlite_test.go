package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"go.uber.org/goleak"

	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func openFile(t testing.TB) store.Store {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "store.db"), store.SQLiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func openMemory(t testing.TB) store.Store {
	t.Helper()
	st, err := store.OpenMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSQLiteFile(t *testing.T)   { storetest.Run(t, openFile) }
func TestSQLiteMemory(t *testing.T) { storetest.Run(t, openMemory) }

// Open's store (a file behind the fallback to memory) behaves the same.
func TestOpened(t *testing.T) {
	storetest.Run(t, func(t testing.TB) store.Store {
		o, err := store.Open(context.Background(), store.Options{Setting: store.SettingAuto, Dir: t.TempDir(), File: "a.db"})
		if err != nil || len(o.Notices) > 0 {
			t.Fatalf("%v %v", err, o.Notices)
		}
		return o.Store
	})
}
