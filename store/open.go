package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The config's `store` setting: "auto" (a file per account under Dir), a
// file path, or "off" (memory only).
const (
	SettingAuto = "auto"
	SettingOff  = "off"
)

// Options say which store Open opens.
type Options struct {
	// Setting is the config's `store`: SettingAuto, SettingOff, or a path.
	Setting string
	// Dir and File locate the store for SettingAuto: Dir() and FileName()
	// (or DemoFileName()).
	Dir, File string
	// Notify hears what the store has to say later: that the disk filled
	// up and the store went on in memory. nil discards it.
	Notify func(string)
	Now    func() time.Time
	SQLite SQLiteOptions
	// SharedDSN, when set, opens the shared PostgreSQL store it connects
	// to (team mode) instead of a file, for the account File names, with
	// Postgres's options (Account is File). Open never migrates it unless
	// Postgres.Migrate says so: a dashboard leaves that to `dxdash store
	// migrate` and the listener, and gets ErrMigrate, saying so.
	SharedDSN string
	Postgres  PostgresOptions
}

// Opened is the store Open chose, and what the user should be told about
// it: a damaged file moved aside, a newer file left alone, a folder that
// cannot be written. Notices never hold the API key (paths name accounts by
// a keyed hash).
type Opened struct {
	Store   Store
	Notices []string
}

// Open opens the store the options name. It does not fail for a store
// that cannot be used: it says why in a notice and opens one in memory,
// so dxdash always has a store. The error is for a cancelled context.
func Open(ctx context.Context, o Options) (*Opened, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.SharedDSN != "" {
		return openShared(ctx, o)
	}
	out := &Opened{}
	memory := func(reason string) (*Opened, error) {
		if reason != "" {
			out.Notices = append(out.Notices, reason)
		}
		st, err := OpenMemory(ctx)
		if err != nil {
			return nil, err
		}
		out.Store = st
		return out, nil
	}

	var path string
	switch setting := strings.TrimSpace(o.Setting); setting {
	case SettingOff:
		return memory("")
	case SettingAuto, "":
		if o.Dir == "" || o.File == "" {
			return memory("no cache folder to keep the store in: running with the store in memory")
		}
		if err := makePrivateDir(o.Dir); err != nil {
			return memory(fmt.Sprintf("cannot use the cache folder %s (%s): running with the store in memory", o.Dir, reason(err)))
		}
		path = filepath.Join(o.Dir, o.File)
	default:
		path = setting
		if err := makePrivateDir(filepath.Dir(path)); err != nil {
			return memory(fmt.Sprintf("cannot use the folder of the store %s (%s): running with the store in memory", path, reason(err)))
		}
	}

	st, err := openFile(ctx, path, o.SQLite)
	if errors.Is(err, ErrCorrupt) {
		aside, moveErr := moveAside(path, "corrupt", o.Now())
		if moveErr != nil {
			return memory(fmt.Sprintf("the store %s is damaged and cannot be moved aside (%s): running with the store in memory", path, reason(moveErr)))
		}
		out.Notices = append(out.Notices, fmt.Sprintf("the store %s was damaged (%s): moved it to %s and started a new one", path, reason(err), aside))
		st, err = openFile(ctx, path, o.SQLite)
	}
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, ErrNewerSchema):
		return memory(fmt.Sprintf("the store %s was written by a newer dxdash (%s): left it untouched, running with the store in memory", path, reason(err)))
	default:
		return memory(fmt.Sprintf("cannot write the store %s (%s): running with the store in memory", path, reason(err)))
	}
	out.Store = &resilient{cur: st, notify: o.Notify, path: path, opts: o.SQLite, now: o.Now}
	return out, nil
}

// openShared opens the shared store. Unlike a file, one that cannot be
// opened is an error, not a store in memory: a team dashboard on a store
// of its own would fetch everything itself, spending the account's budget
// behind the team's back.
func openShared(ctx context.Context, o Options) (*Opened, error) {
	po := o.Postgres
	if po.Account == "" {
		po.Account = o.File
	}
	if po.Now == nil {
		po.Now = o.Now
	}
	st, err := OpenPostgres(ctx, o.SharedDSN, po)
	if err != nil {
		return nil, err
	}
	return &Opened{Store: st}, nil
}

// openFile creates the file private to its owner before SQLite opens it
// (SQLite gives its -wal and -shm files the same mode).
func openFile(ctx context.Context, path string, opts SQLiteOptions) (Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnwritable, err)
	}
	f.Close()
	return OpenSQLite(ctx, path, opts)
}

// makePrivateDir creates dir (and its parents) readable by its owner only.
// A folder that exists keeps its mode.
func makePrivateDir(dir string) error {
	if info, err := os.Stat(dir); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

// moveAside renames the store and its -wal and -shm files to a name that
// says when and why: "x.db.corrupt-20261201T093915Z".
func moveAside(path, why string, now time.Time) (string, error) {
	aside := path + "." + why + "-" + now.UTC().Format("20060102T150405Z")
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	return aside, nil
}

// reason is an error's message without the Go noise a person need not
// read.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	msg := err.Error()
	for _, prefix := range []string{ErrUnwritable.Error() + ": ", ErrCorrupt.Error() + ": "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return msg
}
