package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/user"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/ui"
)

// The dashboard over the local store: what it holds is shown at once and
// kept in sync; --offline browses it with no client at all.

// demoConfig is the embedded API of `dxdash --demo` and `dxdash sync
// --demo`: a living account (datasets arrive, complete and are reviewed at
// the demo's rates), deterministic from the seed and the time, starting
// the day it is served, so a second run the same day sees what changed.
func demoConfig(now time.Time) fakeapi.Config {
	cfg := fakeapi.DefaultConfig()
	cfg.Living = fakeapi.Rates{ArrivalsPerHour: fakeapi.DemoArrivalsPerHour, ReviewsPerHour: fakeapi.DemoReviewsPerHour}
	cfg.Epoch = fakeapi.DayEpoch(now)
	return cfg
}

// demoStoreFile is the demo's own store, keyed by its seed and day: the
// account it holds is the one that seed serves that day.
func demoStoreFile(cfg fakeapi.Config) string { return store.DemoFileName(cfg.Seed, cfg.Epoch) }

// startDemoServerWith serves cfg's embedded API on a free loopback port.
// With hooks it delivers its living account's events there.
func startDemoServerWith(logger *log.Logger, cfg fakeapi.Config, hooks *fakeapi.Webhooks) (stop func(), baseURL string, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	api := fakeapi.New(cfg)
	srv := &http.Server{Handler: api, ReadHeaderTimeout: 5 * time.Second, ErrorLog: logger}
	go func() { _ = srv.Serve(ln) }()
	var sender interface{ Stop() }
	if hooks != nil {
		sender = api.StartWebhooks(*hooks)
	}
	stop = func() {
		if sender != nil {
			sender.Stop()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return stop, "http://" + ln.Addr().String(), nil
}

// dashboardSession is what runDashboard decided: where the store is, and
// whether anything may be requested.
type dashboardSession struct {
	cfg     config.Config
	file    string // the store's file name under the cache folder
	offline bool
	logger  *log.Logger
	hooks   *dashboardHooks // the webhook receiver's listener; nil when off
}

// openLocal opens the session's store; nil when the store is off (the
// dashboard then runs as without one). Notices (a file moved aside, a
// store in memory) are logged and shown on the dashboard's error line.
func (s dashboardSession) openLocal(ctx context.Context) (*store.Opened, error) {
	if s.cfg.StoreDSN != "" {
		// Team mode: never migrated from here (ErrMigrate says to run
		// dxdash store migrate), and listening for changes.
		return store.Open(ctx, store.Options{File: s.file, SharedDSN: string(s.cfg.StoreDSN),
			Notify:   func(msg string) { s.logger.Printf("store: %s", msg) },
			Postgres: store.PostgresOptions{Listen: true}})
	}
	if s.cfg.Store == store.SettingOff {
		return nil, nil
	}
	return openStore(ctx, s.cfg, s.file, func(msg string) { s.logger.Printf("store: %s", msg) })
}

// runProgram runs the dashboard over the store when there is one.
func runProgram(ctx context.Context, s dashboardSession, api ui.API, opts ui.Options, stderr io.Writer) int {
	opened, err := s.openLocal(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash:", err)
		return 1
	}
	var model tea.Model
	switch {
	case opened == nil && s.offline:
		fmt.Fprintln(stderr, `dxdash: --offline browses the local store, and the config says store = "off"`)
		return exitUsage
	case opened == nil:
		// The receiver writes into the store: with none, no receiver,
		// and deliveries are refused at once rather than left waiting.
		s.hooks.close()
		model = ui.New(api, opts)
	default:
		defer opened.Store.Close()
		l := ui.Local{Store: opened.Store, Offline: s.offline, Notices: opened.Notices}
		if s.cfg.StoreDSN != "" {
			host, _ := os.Hostname()
			l.TeamWhere, l.Who = storeWhere(string(s.cfg.StoreDSN)), host+" pid "+strconv.Itoa(os.Getpid())
			l.Reviewer = reviewerName(host)
		}
		if !s.offline {
			l.API = api
		}
		if s.hooks == nil || s.offline {
			model = ui.NewLocal(l, opts)
			break
		}
		var live *ui.Live
		model, live = ui.NewLocalLive(l, opts)
		stop, err := s.hooks.startReceiver(opened.Store, live, s.logger)
		if err != nil {
			fmt.Fprintln(stderr, "dxdash:", err)
			return 1
		}
		defer stop()
	}
	if _, err := tea.NewProgram(model, tea.WithFPS(rendererFPS)).Run(); err != nil {
		fmt.Fprintln(stderr, "dxdash:", err)
		return 1
	}
	return 0
}

// reviewerName names the person at this dashboard on a shared store, for
// their views' states: the login name and host ("ana@laptop"), as stable
// from one session to the next as the person is.
func reviewerName(host string) string {
	name := os.Getenv("USER")
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return name + "@" + host
}
