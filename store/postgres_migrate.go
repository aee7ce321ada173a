package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// PostgresSchemaVersion is the account schema this dxdash writes in a
// shared store. dxdash.accounts keeps each account's version.
const PostgresSchemaVersion = 4

// migrationLock is the advisory lock every migration of a shared store
// takes, whatever the account: creating the shared "dxdash" schema races
// between accounts too, and migrations are rare and quick.
const migrationLock int64 = 0x6478_6461_7368_0001 // "dxdash" 1

// pgShared creates what all accounts share; run under migrationLock.
var pgShared = []string{
	`CREATE SCHEMA IF NOT EXISTS dxdash`,
	`CREATE TABLE IF NOT EXISTS dxdash.accounts (
		account TEXT PRIMARY KEY,
		schema_name TEXT NOT NULL UNIQUE,
		version INTEGER NOT NULL,
		migrated_at TIMESTAMPTZ NOT NULL DEFAULT now()
	)`,
}

// pgMigrations[v] takes an account's schema from version v to v+1; {s} is
// the schema. Times are Unix nanoseconds, as in SQLite, so both engines
// round-trip them exactly; ids sort bytewise (COLLATE "C") as SQLite's do.
var pgMigrations = [][]string{
	0: {
		`CREATE SCHEMA {s}`,
		`CREATE TABLE {s}.datasets (
			id TEXT COLLATE "C" PRIMARY KEY,
			document_name TEXT NOT NULL,
			customer_id TEXT NOT NULL,
			dataset_type TEXT NOT NULL,
			status TEXT NOT NULL,
			is_verified BOOLEAN NOT NULL,
			page_count INTEGER NOT NULL,
			created_at BIGINT NOT NULL,
			updated_at BIGINT NOT NULL,
			overall_accuracy DOUBLE PRECISION,
			field_count INTEGER,
			min_confidence DOUBLE PRECISION,
			seen_walk BIGINT NOT NULL DEFAULT 0,
			seen_at BIGINT NOT NULL,
			gone BOOLEAN NOT NULL DEFAULT false
		)`,
		`CREATE INDEX datasets_counts ON {s}.datasets (gone, customer_id, dataset_type, is_verified, status)`,
		`CREATE INDEX datasets_newest ON {s}.datasets (gone, created_at DESC, id)`,
		`CREATE INDEX datasets_accuracy ON {s}.datasets (gone, overall_accuracy ASC NULLS LAST, created_at DESC, id)`,
		`CREATE INDEX datasets_confidence ON {s}.datasets (gone, min_confidence ASC NULLS LAST, created_at DESC, id)`,
		`CREATE TABLE {s}.details (
			id TEXT COLLATE "C" PRIMARY KEY REFERENCES {s}.datasets (id) ON DELETE CASCADE,
			updated_at BIGINT NOT NULL,
			fetched_at BIGINT NOT NULL,
			stale BOOLEAN NOT NULL DEFAULT false,
			body BYTEA NOT NULL
		)`,
		// A search's key holds NUL separators, which TEXT cannot: BYTEA.
		`CREATE TABLE {s}.searches (
			key BYTEA PRIMARY KEY,
			fetched_at BIGINT NOT NULL,
			complete BOOLEAN NOT NULL,
			next_cursor TEXT NOT NULL
		)`,
		`CREATE TABLE {s}.search_results (
			key BYTEA NOT NULL REFERENCES {s}.searches (key) ON DELETE CASCADE,
			pos INTEGER NOT NULL,
			id TEXT COLLATE "C" NOT NULL REFERENCES {s}.datasets (id) ON DELETE CASCADE,
			PRIMARY KEY (key, pos)
		)`,
		`CREATE TABLE {s}.events (
			event_id TEXT PRIMARY KEY,
			type TEXT NOT NULL,
			dataset_id TEXT NOT NULL,
			received_at BIGINT NOT NULL
		)`,
		`CREATE INDEX events_received ON {s}.events (received_at)`,
		`CREATE TABLE {s}.ui_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
		`CREATE TABLE {s}.walk (
			one INTEGER PRIMARY KEY CHECK (one = 1),
			walk BIGINT NOT NULL,
			in_progress BOOLEAN NOT NULL,
			started_at BIGINT NOT NULL,
			pages INTEGER NOT NULL,
			cursor TEXT NOT NULL,
			cursor_at BIGINT NOT NULL,
			last_complete BIGINT NOT NULL,
			last_finished BIGINT NOT NULL
		)`,
		`INSERT INTO {s}.walk VALUES (1, 0, false, 0, 0, '', 0, 0, 0)`,
		// change_seq counts writes: the slow poll compares it when
		// notifications stop arriving.
		`CREATE TABLE {s}.meta (one INTEGER PRIMARY KEY CHECK (one = 1), change_seq BIGINT NOT NULL)`,
		`INSERT INTO {s}.meta VALUES (1, 0)`,
	},
	1: {
		// What dashboards ask of the listener (a dataset, a search), so that
		// the account's budget is spent in one process.
		`CREATE TABLE {s}.requests (
			id BIGSERIAL PRIMARY KEY,
			kind TEXT NOT NULL,
			dataset_id TEXT NOT NULL DEFAULT '',
			search_key BYTEA NOT NULL DEFAULT '',
			query TEXT NOT NULL DEFAULT '',
			customer_id TEXT NOT NULL DEFAULT '',
			dataset_type TEXT NOT NULL DEFAULT '',
			is_verified BOOLEAN,
			requested_by TEXT NOT NULL,
			requested_at BIGINT NOT NULL,
			taken_at BIGINT NOT NULL DEFAULT 0,
			done_at BIGINT NOT NULL DEFAULT 0,
			error TEXT NOT NULL DEFAULT ''
		)`,
		// One open request per thing asked: a second asker joins the first.
		`CREATE UNIQUE INDEX requests_open ON {s}.requests (kind, dataset_id, search_key) WHERE done_at = 0`,
		// The listener's heartbeat: dashboards fall back to their own client
		// when it has not been seen for a while.
		`CREATE TABLE {s}.listener (
			one INTEGER PRIMARY KEY CHECK (one = 1),
			who TEXT NOT NULL,
			seen_at BIGINT NOT NULL,
			last_sync BIGINT NOT NULL,
			budget_remaining INTEGER NOT NULL,
			budget_limit INTEGER NOT NULL,
			budget_reset BIGINT NOT NULL
		)`,
	},
	2: {
		// The header's counts, kept by triggers per group of the columns a
		// filter can name: counting 100 000 rows costs 40 ms of a server's
		// CPU, ten dashboards at once 200 ms; summing a few dozen groups
		// costs nothing. Writes are one at a time (the meta row), so the
		// groups' upserts never race.
		`CREATE TABLE {s}.counts (
			gone BOOLEAN NOT NULL,
			customer_id TEXT NOT NULL,
			dataset_type TEXT NOT NULL,
			is_verified BOOLEAN NOT NULL,
			status TEXT NOT NULL,
			n BIGINT NOT NULL,
			details BIGINT NOT NULL,
			PRIMARY KEY (gone, customer_id, dataset_type, is_verified, status)
		)`,
		`CREATE FUNCTION {s}.count_add(g BOOLEAN, c TEXT, t TEXT, v BOOLEAN, st TEXT, dn BIGINT, dd BIGINT) RETURNS void
		LANGUAGE sql AS $$
			INSERT INTO {s}.counts VALUES (g, c, t, v, st, dn, dd)
			ON CONFLICT (gone, customer_id, dataset_type, is_verified, status)
				DO UPDATE SET n = {s}.counts.n + dn, details = {s}.counts.details + dd
		$$`,
		`CREATE FUNCTION {s}.count_dataset() RETURNS trigger LANGUAGE plpgsql AS $$
		DECLARE has BIGINT;
		BEGIN
			IF TG_OP = 'UPDATE' AND OLD.gone = NEW.gone AND OLD.customer_id = NEW.customer_id
				AND OLD.dataset_type = NEW.dataset_type AND OLD.is_verified = NEW.is_verified AND OLD.status = NEW.status THEN
				RETURN NULL; -- the same group: most upserts of a walk
			END IF;
			IF TG_OP <> 'INSERT' THEN
				SELECT count(*) INTO has FROM {s}.details WHERE id = OLD.id;
				PERFORM {s}.count_add(OLD.gone, OLD.customer_id, OLD.dataset_type, OLD.is_verified, OLD.status, -1, -has);
			END IF;
			IF TG_OP <> 'DELETE' THEN
				SELECT count(*) INTO has FROM {s}.details WHERE id = NEW.id;
				PERFORM {s}.count_add(NEW.gone, NEW.customer_id, NEW.dataset_type, NEW.is_verified, NEW.status, 1, has);
			END IF;
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER datasets_count AFTER INSERT OR UPDATE OR DELETE ON {s}.datasets
			FOR EACH ROW EXECUTE FUNCTION {s}.count_dataset()`,
		`CREATE FUNCTION {s}.count_detail() RETURNS trigger LANGUAGE plpgsql AS $$
		DECLARE d RECORD; did TEXT; dd BIGINT;
		BEGIN
			IF TG_OP = 'INSERT' THEN did := NEW.id; dd := 1; ELSE did := OLD.id; dd := -1; END IF;
			SELECT * INTO d FROM {s}.datasets WHERE datasets.id = did;
			IF FOUND THEN
				PERFORM {s}.count_add(d.gone, d.customer_id, d.dataset_type, d.is_verified, d.status, 0, dd);
			END IF;
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER details_count AFTER INSERT OR DELETE ON {s}.details
			FOR EACH ROW EXECUTE FUNCTION {s}.count_detail()`,
		// A store migrated from schema 2 has rows already.
		`INSERT INTO {s}.counts SELECT d.gone, d.customer_id, d.dataset_type, d.is_verified, d.status, count(*), count(x.id)
			FROM {s}.datasets d LEFT JOIN {s}.details x ON x.id = d.id
			GROUP BY d.gone, d.customer_id, d.dataset_type, d.is_verified, d.status`,
	},
	3: {
		// A search's later pages are asked of the listener too: the cursor
		// of the page wanted ("" for the first) is part of what is asked.
		`ALTER TABLE {s}.requests ADD COLUMN page_cursor TEXT NOT NULL DEFAULT ''`,
		`DROP INDEX {s}.requests_open`,
		`CREATE UNIQUE INDEX requests_open ON {s}.requests (kind, dataset_id, search_key, page_cursor) WHERE done_at = 0`,
	},
}

// prepare checks the account's schema version and, when the options allow
// it, brings it up to date.
func (s *pgStore) prepare(ctx context.Context) error {
	v, err := s.version(ctx, s.pool)
	if err != nil {
		return s.wrap("reading the schema version", err)
	}
	s.migratedFrom = v
	switch {
	case v == PostgresSchemaVersion:
		return nil
	case v > PostgresSchemaVersion:
		return fmt.Errorf("%w: shared store %s, account %s: schema %d, this dxdash knows %d",
			ErrNewerSchema, s.where, s.opts.Account, v, PostgresSchemaVersion)
	case !s.opts.Migrate:
		have := fmt.Sprintf("schema %d", v)
		if v == 0 {
			have = "no store for this account yet"
		}
		return fmt.Errorf("%w (shared store %s: %s, this dxdash needs schema %d)", ErrMigrate, s.where, have, PostgresSchemaVersion)
	}
	s.migratedFrom, err = s.migrate(ctx, PostgresSchemaVersion)
	return err
}

type queryer interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// version is the account's schema version: 0 when neither the shared
// schema nor the account is there yet.
func (s *pgStore) version(ctx context.Context, q queryer) (int, error) {
	var v int
	err := q.QueryRow(ctx, "SELECT version FROM dxdash.accounts WHERE account = $1", s.opts.Account).Scan(&v)
	var pe *pgconn.PgError
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return 0, nil
	case errors.As(err, &pe) && (pe.Code == "42P01" || pe.Code == "3F000"): // undefined table, schema
		return 0, nil
	}
	return v, err
}

// migrate brings the account's schema up to date in one transaction under
// the advisory lock: a second process starting at once waits for the
// first, then finds nothing left to do. DDL is transactional here, so a
// migration that fails leaves the schema as it was. It returns the version
// it started from.
func (s *pgStore) migrate(ctx context.Context, target int) (from int, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
			return err
		}
		for _, stmt := range pgShared {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return err
			}
		}
		if from, err = s.version(ctx, tx); err != nil {
			return err
		}
		if from > PostgresSchemaVersion {
			return fmt.Errorf("%w: schema %d, this dxdash knows %d", ErrNewerSchema, from, PostgresSchemaVersion)
		}
		for v := from; v < target; v++ {
			for _, stmt := range pgMigrations[v] {
				if _, err := tx.Exec(ctx, s.q(stmt)); err != nil {
					return fmt.Errorf("to schema %d: %w", v+1, err)
				}
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO dxdash.accounts (account, schema_name, version) VALUES ($1, $2, $3)
			ON CONFLICT (account) DO UPDATE SET version = excluded.version, migrated_at = now()`,
			s.opts.Account, s.schema[1:len(s.schema)-1], max(from, target))
		return err
	})
	return from, s.wrap("migrating", err)
}

// MigratePostgres creates or migrates the account's store in the shared
// database dsn names, under the advisory lock, and says from which schema
// version to which (the same when there was nothing to do, or another
// process did it first): what `dxdash store migrate` runs.
func MigratePostgres(ctx context.Context, dsn, account string) (from, to int, err error) {
	st, err := OpenPostgres(ctx, dsn, PostgresOptions{Account: account, Migrate: true, MaxConns: 1})
	if err != nil {
		return 0, 0, err
	}
	defer st.Close()
	return st.(*pgStore).migratedFrom, PostgresSchemaVersion, nil
}
