package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The PostgreSQL engine, for team mode: one database holds the stores of
// several accounts, each in a schema of its own (named from the account's
// key, so two accounts never see each other's rows and the SQL is the same
// for all), beside a shared schema "dxdash" that lists the accounts and
// their schema versions. Every write also bumps the account's change
// counter and sends a notification on the account's channel in the same
// transaction, so other processes learn of it on commit (see Changes).

// ErrMigrate is returned by OpenPostgres when the shared store's schema is
// older than this dxdash's (or absent) and the options do not allow
// migrating it: a dashboard never migrates a shared store on its own.
var ErrMigrate = errors.New("the shared store needs migrating: run dxdash store migrate")

// PostgresOptions say which account OpenPostgres opens and how.
type PostgresOptions struct {
	// Account names the account's store: FileName (or DemoFileName), the
	// same key as the SQLite file, so one database can hold several.
	Account string
	// Migrate lets OpenPostgres create or migrate the account's schema
	// (under an advisory lock). Without it an out-of-date schema is
	// ErrMigrate: only `dxdash store migrate` and the listener migrate.
	Migrate bool
	// Listen makes Changes use LISTEN/NOTIFY; without it (a pooler in
	// transaction mode cannot LISTEN) Changes polls only.
	Listen bool
	// PollInterval is how often Changes checks the change counter when
	// notifications are not arriving; 0 means DefaultPollInterval.
	PollInterval time.Duration
	// MaxConns caps the pool; 0 means 8.
	MaxConns int32
	// Now is the clock for bookkeeping (time.Now by default).
	Now func() time.Time
}

// DefaultPollInterval is how often a store that hears no notification
// looks for changes itself: slow, since it is only the fallback.
const DefaultPollInterval = 30 * time.Second

type pgStore struct {
	pool    *pgxpool.Pool
	where   string // "host:port/database", for messages: never the password
	secret  string // the password, scrubbed from every error
	schema  string // the account's schema, quoted
	channel string // the account's notification channel
	lockKey int64  // the account's advisory lock
	opts    PostgresOptions
	info    Info
	closed  atomic.Bool
	// migratedFrom is the schema version found at open.
	migratedFrom int
	// life ends when the store is closed, and with it every Changes
	// watcher, which Close waits for.
	life     context.Context
	end      context.CancelFunc
	watchers sync.WaitGroup
}

// OpenPostgres connects to the database the connection string dsn names
// and opens the account's store in it. dsn holds a password: no error ever
// shows it (they name the host and database only).
func OpenPostgres(ctx context.Context, dsn string, o PostgresOptions) (Store, error) {
	s, err := connectPostgres(ctx, dsn, o)
	if err != nil {
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// connectPostgres connects, without looking at the schema.
func connectPostgres(ctx context.Context, dsn string, o PostgresOptions) (*pgStore, error) {
	if o.Account == "" {
		return nil, errors.New("store: a shared store needs an account name")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parser's message can quote the string it could not parse.
		return nil, errors.New("the shared store's connection string cannot be read: want postgres://user:password@host:5432/database (it is not shown: it may hold a password)")
	}
	where := describeConn(cfg.ConnConfig.Config)
	if o.MaxConns > 0 {
		cfg.MaxConns = o.MaxConns
	} else {
		cfg.MaxConns = 8
	}
	s := &pgStore{where: where, secret: cfg.ConnConfig.Password, opts: o}
	s.life, s.end = context.WithCancel(context.Background())
	s.schema, s.channel, s.lockKey = accountNames(o.Account)
	s.info = Info{Engine: "postgres", Path: where, Host: where, Account: o.Account}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		s.end()
		return nil, s.wrap("connecting", err)
	}
	s.pool = pool
	if err := pool.Ping(ctx); err != nil {
		s.end()
		pool.Close()
		return nil, s.wrap("connecting", err)
	}
	return s, nil
}

// describeConn is where a connection goes, for messages: the host, port
// and database, never the user's password.
func describeConn(c pgconn.Config) string {
	host := c.Host
	if strings.HasPrefix(host, "/") {
		host = "socket " + host
	} else if c.Port != 0 {
		host = fmt.Sprintf("%s:%d", host, c.Port)
	}
	return host + "/" + c.Database
}

// accountNames derives the account's schema, notification channel and
// advisory lock key from its name. The name is hashed: it may be longer
// than an identifier may be (63 bytes) and hold any character.
func accountNames(account string) (schema, channel string, lock int64) {
	sum := sha256.Sum256([]byte("dxdash account\x00" + account))
	h := hex.EncodeToString(sum[:10])
	return `"dxdash_` + h + `"`, "dxdash_" + h, int64(binary.BigEndian.Uint64(sum[10:18]))
}

// wrap makes an error of the server or the network one a person can read:
// what was being done, where (host and database), and why, with the
// password scrubbed from the reason whatever the driver put in it.
func (s *pgStore) wrap(doing string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, ErrMigrate) || errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrClosed) {
		return err
	}
	why := err.Error()
	var pe *pgconn.PgError
	var ce *pgconn.ConnectError
	switch {
	case errors.As(err, &pe):
		why = pe.Message
		if pe.Code != "" {
			why += " (" + pe.Code + ")"
		}
	case errors.As(err, &ce):
		// Its text names the user and the server; the cause is enough: the
		// last attempt's (sslmode=prefer tries with TLS, then without, and
		// they fail alike).
		if inner := errors.Unwrap(ce); inner != nil {
			why = inner.Error()
			if multi, ok := inner.(interface{ Unwrap() []error }); ok && len(multi.Unwrap()) > 0 {
				errs := multi.Unwrap()
				why = errs[len(errs)-1].Error()
			}
		}
	}
	if len(s.secret) >= 3 {
		why = strings.ReplaceAll(why, s.secret, "[redacted]")
	}
	return &PostgresError{Doing: doing, Where: s.where, Reason: why, err: err}
}

// PostgresError is a failure of the shared store, said with where it is
// (host and database) and never the password.
type PostgresError struct {
	Doing  string // "connecting", "reading", "writing", "migrating"
	Where  string // host:port/database
	Reason string
	err    error
}

func (e *PostgresError) Error() string {
	return fmt.Sprintf("shared store %s: %s: %s", e.Where, e.Doing, e.Reason)
}

// Unwrap gives errors.Is and errors.As the driver's error, whose own
// text is never shown.
func (e *PostgresError) Unwrap() error { return e.err }

func (s *pgStore) check() error {
	if s.closed.Load() {
		return ErrClosed
	}
	return nil
}

func (s *pgStore) Info() Info { return s.info }

func (s *pgStore) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.end()
	s.watchers.Wait()
	s.pool.Close()
	return nil
}

// q puts the account's schema into a statement: "{s}.datasets".
func (s *pgStore) q(sql string) string { return strings.ReplaceAll(sql, "{s}", s.schema) }

// write runs fn in one transaction that first bumps the account's change
// counter, which locks its row: the account's writes take turns, as
// SQLite's one writer makes them, so they never deadlock over rows taken
// in different orders. The notification, sent in the same transaction,
// is delivered on commit only: a listener never hears of a write it
// cannot read yet.
func (s *pgStore) write(ctx context.Context, kind string, fn func(tx pgx.Tx) error) error {
	return s.writeKind(ctx, func(tx pgx.Tx) (string, error) { return kind, fn(tx) })
}

// writeKind is write for a write that learns what to notify as it goes
// (the id of a request it files).
func (s *pgStore) writeKind(ctx context.Context, fn func(tx pgx.Tx) (kind string, err error)) error {
	if err := s.check(); err != nil {
		return err
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var seq int64
		if err := tx.QueryRow(ctx, s.q("UPDATE {s}.meta SET change_seq = change_seq + 1 WHERE one = 1 RETURNING change_seq")).Scan(&seq); err != nil {
			return err
		}
		kind, err := fn(tx)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "SELECT pg_notify($1, $2)", s.channel, fmt.Sprintf("%d %s", seq, kind))
		return err
	})
	return s.wrap("writing", err)
}

var _ Store = (*pgStore)(nil)

// PostgresWhere says where a connection string points, host:port/database,
// for messages: never the password.
func PostgresWhere(dsn string) (string, error) {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return "", errors.New("the connection string cannot be read")
	}
	return describeConn(*cfg), nil
}
