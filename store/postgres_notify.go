package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Changes implements Notifier. It reads the change counter and, when the
// options allow, starts listening before it returns, so every write
// committed after it returns is told. One goroutine per call: it LISTENs
// on a connection of its own (taken out of the pool, since a pooled
// connection would carry the LISTEN to whoever borrows it next), and
// between notifications, every PollInterval, compares the change counter
// with the last it told, which finds what a lost notification missed.
func (s *pgStore) Changes(ctx context.Context) <-chan Change {
	out := make(chan Change, 16)
	if s.check() != nil {
		close(out)
		return out
	}
	last, _ := s.changeSeq(ctx)
	var conn *pgx.Conn
	if s.opts.Listen {
		conn, _ = s.listenConn(ctx) // nil: the watcher polls, and tries again
	}
	ctx, cancel := context.WithCancel(ctx)
	stopAfter := context.AfterFunc(s.life, cancel)
	s.watchers.Go(func() {
		defer close(out)
		defer cancel()
		defer stopAfter()
		s.watch(ctx, out, last, conn)
	})
	return out
}

func (s *pgStore) watch(ctx context.Context, out chan<- Change, last int64, conn *pgx.Conn) {
	send := func(c Change) bool {
		if c.Seq <= last && c.Kind != "poll" {
			return true // already told (by the poll, or an older write)
		}
		last = max(last, c.Seq)
		select {
		case out <- c:
			return true
		case <-ctx.Done():
			return false
		}
	}
	// poll tells of a counter that moved since the last change told.
	poll := func() bool {
		seq, err := s.changeSeq(ctx)
		if err != nil || seq <= last {
			return ctx.Err() == nil
		}
		return send(Change{Seq: seq, Kind: "poll"})
	}
	for ctx.Err() == nil {
		if conn == nil && s.opts.Listen {
			if c, err := s.listenConn(ctx); err == nil {
				conn = c
				// What was written while no one listened is found first.
				if !poll() {
					break
				}
			}
		}
		if conn != nil {
			ok := s.hear(ctx, conn, send, poll)
			conn.Close(context.Background())
			conn = nil
			if !ok {
				return
			}
		}
		// Not listening (not allowed, or the connection is lost): poll,
		// and try to listen again after each interval.
		t := time.NewTimer(s.opts.PollInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		if !poll() {
			break
		}
	}
	if conn != nil {
		conn.Close(context.Background())
	}
}

// hear waits for notifications on conn, polling whenever PollInterval
// passes without one. It returns false when ctx ended, true when the
// connection failed (listen again).
func (s *pgStore) hear(ctx context.Context, conn *pgx.Conn, send func(Change) bool, poll func() bool) bool {
	for {
		wctx, cancel := context.WithTimeout(ctx, s.opts.PollInterval)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return false
		case err == nil:
			if !send(parseChange(n.Payload)) {
				return false
			}
		case errors.Is(err, context.DeadlineExceeded):
			if !poll() {
				return false
			}
		default:
			return true
		}
	}
}

// listenConn opens a connection of its own and LISTENs on the account's
// channel.
func (s *pgStore) listenConn(ctx context.Context) (*pgx.Conn, error) {
	c, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	conn := c.Hijack()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{s.channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

func (s *pgStore) changeSeq(ctx context.Context) (int64, error) {
	var seq int64
	err := s.pool.QueryRow(ctx, s.q("SELECT change_seq FROM {s}.meta WHERE one = 1")).Scan(&seq)
	return seq, err
}

// parseChange reads a notification's payload: "seq kind [id]".
func parseChange(payload string) Change {
	seqText, rest, _ := strings.Cut(payload, " ")
	kind, id, _ := strings.Cut(rest, " ")
	seq, _ := strconv.ParseInt(seqText, 10, 64)
	return Change{Seq: seq, Kind: kind, ID: id}
}

var _ Notifier = (*pgStore)(nil)
