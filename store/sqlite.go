package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The SQLite engine: one file per account in WAL mode, so readers never
// wait for the writer; a busy timeout, so two processes on one file take
// turns instead of failing with "database is locked"; write transactions
// that take the write lock when they begin (BEGIN IMMEDIATE), so that two
// writers never deadlock upgrading a read lock; foreign keys on.

// SchemaVersion is the schema this dxdash writes (PRAGMA user_version).
const SchemaVersion = 1

// busyTimeout is how long a statement waits for another connection's or
// process's lock before it fails. Transactions here last milliseconds.
const busyTimeout = 30 * time.Second

// SQLiteOptions tune OpenSQLite. The zero value is the default.
type SQLiteOptions struct {
	// MaxPages caps the file's size in pages (PRAGMA max_page_count), for
	// tests of a full disk. 0 leaves SQLite's default.
	MaxPages int
	// Now is the clock for Info and for bookkeeping (time.Now by default).
	Now func() time.Time
}

type sqliteStore struct {
	w      *sql.DB // the one writer connection
	r      *sql.DB // readers; the same as w in memory
	info   Info
	closed atomic.Bool
}

// OpenSQLite opens (creating it if need be) the store file at path and
// brings its schema up to date. It returns ErrCorrupt for a file that is
// not a sound SQLite database, ErrNewerSchema for one written by a newer
// dxdash (left untouched), and ErrUnwritable where the file or its folder
// cannot be written, each wrapped with the details.
func OpenSQLite(ctx context.Context, path string, opts SQLiteOptions) (Store, error) {
	base := "file:" + (&url.URL{Path: path}).EscapedPath()
	common := "_pragma=busy_timeout(" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + ")&_pragma=foreign_keys(1)"
	writerPragmas := common + "&_pragma=synchronous(NORMAL)&_txlock=immediate"
	if opts.MaxPages > 0 {
		writerPragmas += "&_pragma=max_page_count(" + strconv.Itoa(opts.MaxPages) + ")"
	}
	w, err := sql.Open("sqlite", base+"?"+writerPragmas)
	if err != nil {
		return nil, classify(err)
	}
	w.SetMaxOpenConns(1)
	s := &sqliteStore{w: w, info: Info{Engine: "sqlite", Path: path}}
	if err := s.prepare(ctx, true); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", base+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, classify(err)
	}
	r.SetMaxOpenConns(4)
	s.r = r
	return s, nil
}

// OpenMemory returns a store that lives in memory only: the same engine,
// gone when it is closed. Its one connection serves readers and the writer
// in turn.
func OpenMemory(ctx context.Context) (Store, error) {
	db, err := sql.Open("sqlite", "file::memory:?_pragma=foreign_keys(1)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	s := &sqliteStore{w: db, r: db, info: Info{Engine: "sqlite", Memory: true}}
	if err := s.prepare(ctx, false); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// prepare sets WAL mode on a file, checks the file is sound, and creates
// or migrates the schema, in one immediate transaction so that two
// processes opening a new file at once do it once.
func (s *sqliteStore) prepare(ctx context.Context, file bool) error {
	if file {
		// A write-ahead log left behind means the last process on this
		// file did not close it: check the file through, which costs a
		// read of it all. (Damage found later is handled where it is met.)
		crashed := false
		if fi, err := os.Stat(s.info.Path + "-wal"); err == nil && fi.Size() > 0 {
			crashed = true
		}
		var mode string
		if err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
			return classify(err)
		}
		if err := s.checkSound(ctx, crashed); err != nil {
			return err
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(err)
	}
	switch {
	case version > SchemaVersion:
		return fmt.Errorf("%w (schema %d; this dxdash knows %d)", ErrNewerSchema, version, SchemaVersion)
	case version == SchemaVersion:
		return nil
	}
	for v := version; v < SchemaVersion; v++ {
		for _, stmt := range migrations[v] {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return classify(fmt.Errorf("migrating the store to schema %d: %w", v+1, err))
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(SchemaVersion)); err != nil {
		return classify(err)
	}
	return classify(tx.Commit())
}

// checkSound reads the schema, which finds a file that is not a database
// or whose first pages are torn, and with thorough, every page.
func (s *sqliteStore) checkSound(ctx context.Context, thorough bool) error {
	var n int
	if err := s.w.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return classify(err)
	}
	if !thorough {
		return nil
	}
	var check string
	if err := s.w.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil {
		return classify(err)
	}
	if check != "ok" {
		return fmt.Errorf("%w: %s", ErrCorrupt, check)
	}
	return nil
}

// migrations[v] takes schema v to v+1. Times are Unix nanoseconds.
var migrations = [][]string{
	0: {
		`CREATE TABLE datasets (
			id TEXT PRIMARY KEY,
			document_name TEXT NOT NULL,
			customer_id TEXT NOT NULL,
			dataset_type TEXT NOT NULL,
			status TEXT NOT NULL,
			is_verified INTEGER NOT NULL,
			page_count INTEGER NOT NULL,
			created_at INTEGER NOT NULL,
			updated_at INTEGER NOT NULL,
			overall_accuracy REAL,
			field_count INTEGER,
			min_confidence REAL,
			seen_walk INTEGER NOT NULL DEFAULT 0,
			seen_at INTEGER NOT NULL,
			gone INTEGER NOT NULL DEFAULT 0
		) WITHOUT ROWID`,
		// Counting scans this narrow index, not the table.
		`CREATE INDEX datasets_counts ON datasets (gone, customer_id, dataset_type, is_verified, status)`,
		`CREATE INDEX datasets_newest ON datasets (gone, created_at DESC, id)`,
		`CREATE INDEX datasets_accuracy ON datasets (gone, overall_accuracy IS NULL, overall_accuracy, created_at DESC, id)`,
		`CREATE INDEX datasets_confidence ON datasets (gone, min_confidence IS NULL, min_confidence, created_at DESC, id)`,
		`CREATE TABLE details (
			id TEXT PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
			updated_at INTEGER NOT NULL,
			fetched_at INTEGER NOT NULL,
			stale INTEGER NOT NULL DEFAULT 0,
			body BLOB NOT NULL
		) WITHOUT ROWID`,
		`CREATE TABLE searches (
			key TEXT PRIMARY KEY,
			fetched_at INTEGER NOT NULL,
			complete INTEGER NOT NULL,
			next_cursor TEXT NOT NULL
		) WITHOUT ROWID`,
		`CREATE TABLE search_results (
			key TEXT NOT NULL REFERENCES searches (key) ON DELETE CASCADE,
			pos INTEGER NOT NULL,
			id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
			PRIMARY KEY (key, pos)
		) WITHOUT ROWID`,
		`CREATE TABLE events (
			event_id TEXT PRIMARY KEY,
			type TEXT NOT NULL,
			dataset_id TEXT NOT NULL,
			received_at INTEGER NOT NULL
		) WITHOUT ROWID`,
		`CREATE INDEX events_received ON events (received_at)`,
		`CREATE TABLE ui_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
		`CREATE TABLE walk (
			one INTEGER PRIMARY KEY CHECK (one = 1),
			walk INTEGER NOT NULL,
			in_progress INTEGER NOT NULL,
			started_at INTEGER NOT NULL,
			pages INTEGER NOT NULL,
			cursor TEXT NOT NULL,
			cursor_at INTEGER NOT NULL,
			last_complete INTEGER NOT NULL,
			last_finished INTEGER NOT NULL
		)`,
		`INSERT INTO walk VALUES (1, 0, 0, 0, 0, '', 0, 0, 0)`,
	},
}

func (s *sqliteStore) Info() Info { return s.info }

func (s *sqliteStore) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	var errs []error
	if s.r != nil && s.r != s.w {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		// Leave the WAL folded into the file, so the file alone is the store.
		if !s.info.Memory {
			_, _ = s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// classify wraps SQLite's errors that mean the file is damaged or cannot
// be written in ErrCorrupt or ErrUnwritable.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM:
		return fmt.Errorf("%w: %w", ErrUnwritable, err)
	}
	return err
}

// isDiskFull reports whether err says the disk (or the file's cap) is full.
func isDiskFull(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL
}

// nanos and fromNanos convert times to the schema's integers.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// placeholders is "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func (s *sqliteStore) check() error {
	if s.closed.Load() {
		return ErrClosed
	}
	return nil
}
