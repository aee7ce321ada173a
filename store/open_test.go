package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
)

var openNow = time.Date(2026, time.December, 1, 9, 30, 0, 0, time.UTC)

func open(t *testing.T, o store.Options) *store.Opened {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return openNow }
	}
	opened, err := store.Open(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { opened.Store.Close() })
	return opened
}

// fill stores a walk of n datasets and a detail, and closes the store.
func fill(t *testing.T, st store.Store, n int) {
	t.Helper()
	ctx := context.Background()
	items := storetest.Summaries(0, n)
	if _, err := st.PutPage(ctx, store.Page{Walk: 1, Items: items, At: storetest.T0}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutDetail(ctx, storetest.Detail(items[0], 5, 2), storetest.T0); err != nil {
		t.Fatal(err)
	}
}

func TestAutoStoreIsPrivateAndNamedWithoutTheKey(t *testing.T) {
	const key = "sk_live_never_in_a_file_name"
	dir := filepath.Join(t.TempDir(), "cache", "dxdash")
	name := store.FileName("https://api.dataextractor.io/api/v1/", key)
	if strings.Contains(name, key) || strings.Contains(name, "never") {
		t.Fatalf("the file name %q shows the key", name)
	}
	if name != store.FileName("https://API.dataextractor.io", key) || name == store.FileName("https://api.dataextractor.io", key+"2") ||
		name == store.FileName("https://eu.dataextractor.io", key) {
		t.Error("the name does not tell accounts apart, or tells one account from itself")
	}
	o := open(t, store.Options{Setting: store.SettingAuto, Dir: dir, File: name})
	fill(t, o.Store, 3)
	if info := o.Store.Info(); info.Memory || info.Path != filepath.Join(dir, name) {
		t.Fatalf("info %+v", info)
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, name): 0o600} {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, %v; want %v", path, fi.Mode().Perm(), err, want)
		}
	}
	o.Store.Close()
	body, _ := os.ReadFile(filepath.Join(dir, name))
	if strings.Contains(string(body), key) {
		t.Error("the key is in the store")
	}
}

func TestOffIsMemory(t *testing.T) {
	o := open(t, store.Options{Setting: store.SettingOff, Dir: t.TempDir(), File: "x.db"})
	if !o.Store.Info().Memory || len(o.Notices) != 0 {
		t.Fatalf("%+v %v", o.Store.Info(), o.Notices)
	}
}

func TestDemoFileName(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if got := store.DemoFileName(1, day); got != "demo-seed1-20261201.db" {
		t.Errorf("demo file %q", got)
	}
}

func TestDir(t *testing.T) {
	env := map[string]string{"XDG_CACHE_HOME": "/x/cache"}
	home := func() (string, error) { return "/home/u", nil }
	if d, _ := store.Dir(func(k string) string { return env[k] }, home); d != "/x/cache/dxdash" {
		t.Errorf("with XDG_CACHE_HOME: %s", d)
	}
	env["XDG_CACHE_HOME"] = "relative"
	if d, _ := store.Dir(func(k string) string { return env[k] }, home); d != "/home/u/.cache/dxdash" {
		t.Errorf("relative XDG_CACHE_HOME: %s", d)
	}
}

// A damaged file is moved aside, under a name that says when and why, and
// a new store is built in its place.
func TestCorruptFileIsMovedAside(t *testing.T) {
	for name, damage := range map[string]func(path string) error{
		"not a database": func(path string) error { return os.WriteFile(path, []byte(strings.Repeat("garbage ", 1000)), 0o600) },
		"torn pages": func(path string) error {
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			fi, _ := f.Stat()
			_, err = f.WriteAt([]byte(strings.Repeat("\xde\xad", int(fi.Size())/4)), fi.Size()/4)
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.db")
			first := open(t, store.Options{Setting: path})
			fill(t, first.Store, 300)
			first.Store.Close()
			if err := damage(path); err != nil {
				t.Fatal(err)
			}
			var later []string
			o := open(t, store.Options{Setting: path, Notify: func(s string) { later = append(later, s) }})
			// Torn pages are found where they are read.
			if _, err := o.Store.Rows(context.Background(), store.Query{Limit: 1000}); err != nil {
				t.Fatal(err)
			}
			if _, err := o.Store.Details(context.Background(), []string{storetest.Summary(0, 0).ID}); err != nil {
				t.Fatal(err)
			}
			o.Notices = append(o.Notices, later...)
			aside := path + ".corrupt-20261201T093000Z"
			if len(o.Notices) != 1 || !strings.Contains(o.Notices[0], "damaged") || !strings.Contains(o.Notices[0], aside) {
				t.Fatalf("notices %q", o.Notices)
			}
			if _, err := os.Stat(aside); err != nil {
				t.Errorf("the damaged file is not at %s: %v", aside, err)
			}
			if info := o.Store.Info(); info.Memory || info.Path != path {
				t.Errorf("a new store was not built: %+v", info)
			}
			fill(t, o.Store, 3)
		})
	}
}

// A store of a newer dxdash is left as it is, and dxdash runs in memory.
func TestNewerSchemaIsLeftUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	first := open(t, store.Options{Setting: path})
	fill(t, first.Store, 3)
	first.Store.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)

	o := open(t, store.Options{Setting: path})
	if len(o.Notices) != 1 || !strings.Contains(o.Notices[0], "newer dxdash") || !strings.Contains(o.Notices[0], "untouched") {
		t.Fatalf("notices %q", o.Notices)
	}
	if !o.Store.Info().Memory {
		t.Error("not in memory")
	}
	fill(t, o.Store, 3)
	o.Store.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the newer store was written to")
	}
}

// readOnly makes dir read-only, for root too (chattr +i), or skips.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	if os.Geteuid() != 0 {
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("running as root, and chattr +i fails (%v: %s): no way to make a read-only folder", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

func TestReadOnlyFolderMeansMemory(t *testing.T) {
	t.Run("new store", func(t *testing.T) {
		cache := filepath.Join(t.TempDir(), "cache")
		if err := os.Mkdir(cache, 0o700); err != nil {
			t.Fatal(err)
		}
		readOnly(t, cache)
		o := open(t, store.Options{Setting: store.SettingAuto, Dir: filepath.Join(cache, "dxdash"), File: "a.db"})
		if len(o.Notices) != 1 || !strings.Contains(o.Notices[0], "in memory") || !o.Store.Info().Memory {
			t.Fatalf("notices %q, info %+v", o.Notices, o.Store.Info())
		}
		fill(t, o.Store, 3)
	})
	t.Run("existing store", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "dxdash")
		first := open(t, store.Options{Setting: store.SettingAuto, Dir: dir, File: "a.db"})
		fill(t, first.Store, 3)
		first.Store.Close()
		readOnly(t, dir)
		o := open(t, store.Options{Setting: store.SettingAuto, Dir: dir, File: "a.db"})
		if len(o.Notices) != 1 || !strings.Contains(o.Notices[0], "in memory") {
			t.Fatalf("notices %q, info %+v", o.Notices, o.Store.Info())
		}
		fill(t, o.Store, 3)
	})
}

// When the disk fills up mid-run, the store says so once and goes on in
// memory with everything the file held.
func TestFullDiskGoesOnInMemory(t *testing.T) {
	ctx := context.Background()
	var notices []string
	o := open(t, store.Options{Setting: filepath.Join(t.TempDir(), "a.db"), Notify: func(s string) { notices = append(notices, s) },
		SQLite: store.SQLiteOptions{MaxPages: 64}})
	st := o.Store
	items := storetest.Summaries(0, 100)
	if _, err := st.PutPage(ctx, store.Page{Walk: 1, Items: items, Next: "c1", At: storetest.T0}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetState(ctx, "sort", "accuracy"); err != nil {
		t.Fatal(err)
	}
	for i, d := range items {
		if err := st.PutDetail(ctx, storetest.Detail(d, 20, 10), storetest.T0); err != nil {
			t.Fatalf("detail %d: %v", i, err)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "disk is full") || !st.Info().Memory {
		t.Fatalf("notices %q, info %+v", notices, st.Info())
	}
	c, err := st.Count(ctx, store.Filter{})
	if err != nil || c.Rows != 100 || c.Details != 100 {
		t.Errorf("after the move: %+v, %v", c, err)
	}
	if v, _, _ := st.State(ctx, "sort"); v != "accuracy" {
		t.Errorf("state lost: %q", v)
	}
	if w, _ := st.Walk(ctx); w.Cursor != "c1" || !w.InProgress {
		t.Errorf("walk lost: %+v", w)
	}
}

// Two processes on one store both work: the child writes pages and
// details while this process does the same; neither sees "database is
// locked".
func TestTwoProcessesShareAStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "DXDASH_STORE_HELPER="+path)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	err := hammer(path, 1)
	if werr := cmd.Wait(); werr != nil {
		t.Errorf("the other process: %v\n%s", werr, out.String())
	}
	if err != nil {
		t.Errorf("this process: %v", err)
	}
	if strings.Contains(out.String(), "locked") {
		t.Errorf("the other process saw a lock:\n%s", out.String())
	}
	st, err := store.OpenSQLite(context.Background(), path, store.SQLiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if c, _ := st.Count(context.Background(), store.Filter{}); c.Rows != 400 || c.Details != 400 {
		t.Errorf("after both: %+v", c)
	}
}

func TestHelperProcess(t *testing.T) {
	path := os.Getenv("DXDASH_STORE_HELPER")
	if path == "" {
		t.Skip("a helper for TestTwoProcessesShareAStore")
	}
	if err := hammer(path, 2); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}

// hammer opens the store at path and writes 200 datasets of its own, a
// page and a detail at a time, reading between writes.
func hammer(path string, who int) error {
	ctx := context.Background()
	o, err := store.Open(ctx, store.Options{Setting: path})
	if err != nil {
		return err
	}
	if len(o.Notices) > 0 {
		return fmt.Errorf("notices: %q", o.Notices)
	}
	st := o.Store
	defer st.Close()
	items := storetest.Summaries(who*1000, who*1000+200)
	for i := 0; i < len(items); i += 20 {
		if _, err := st.PutPage(ctx, store.Page{Items: items[i : i+20], At: storetest.T0}); err != nil {
			return err
		}
		for _, d := range items[i : i+20] {
			if err := st.PutDetail(ctx, storetest.Detail(d, 10, 3), storetest.T0); err != nil {
				return err
			}
			if _, err := st.Rows(ctx, store.Query{Limit: 50}); err != nil {
				return err
			}
		}
	}
	if st.Info().Memory {
		return fmt.Errorf("went to memory")
	}
	return nil
}
