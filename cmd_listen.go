package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/receiver"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
	"github.com/dxdash/dxdash/termtext"
	"github.com/spf13/cobra"
)

// listenFlags are `dxdash listen`'s flags.
type listenFlags struct {
	addr, configPath, details string
	dsnEnv                    string
	demo                      bool
	share                     float64
	resync                    time.Duration
}

// listenCommand is `dxdash listen`: the webhook receiver, the store and the
// sync, with no screen.
func listenCommand(inv *invocation) *cobra.Command {
	var f listenFlags
	cmd := &cobra.Command{
		Use:   "listen",
		Short: "Receive the API's webhooks and keep the store current, headless",
		Long: "Receive the API's webhooks and keep the local (or shared) store current, with no " +
			"screen: one log line per event (type, dataset, outcome). SIGTERM stops taking " +
			"deliveries, finishes the events in hand and exits 0; Ctrl+C stops at once (130).",
		Example: `  DATAEXTRACTOR_WEBHOOK_SECRET=... dxdash listen --addr 127.0.0.1:8787
  # the embedded demo API delivers its living account's events here
  dxdash listen --demo`,
		Args: noArgs,
		RunE: inv.runs(func(cmd *cobra.Command) int {
			return runListen(f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", "", "address to receive webhooks on (default [webhooks] listen; a port alone, \":8787\", binds loopback)")
	fs.BoolVar(&f.demo, "demo", false, "run against the embedded demo API, which delivers its living account's events here")
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
	fs.Float64Var(&f.share, "share", syncer.DefaultBackgroundShare, "share of the rate budget the sync and the events' GETs may use (0-1]")
	fs.StringVar(&f.details, "details", "verified", "which datasets the sync fetches in full: verified, all or none (an event's dataset is always fetched)")
	fs.DurationVar(&f.resync, "resync", 15*time.Minute, "walk the list again this often, in case an event was lost (0: only at start)")
	fs.StringVar(&f.dsnEnv, "store-dsn-env", "", "environment variable holding the shared store's connection string (team mode; default: the config's store_dsn_env)")
	completeWords(cmd, "details", "verified", "all", "none")
	completeWords(cmd, "store-dsn-env")
	completeWords(cmd, "addr")
	completeWords(cmd, "share")
	completeWords(cmd, "resync")
	completeFile(cmd, "config", "toml")
	return cmd
}

// runListen runs the listener until a signal: SIGTERM stops taking
// deliveries, finishes the events in hand and exits 0; Ctrl+C (SIGINT), or
// a second signal, ends it at once, in every phase, with status 130.
func runListen(f listenFlags, stdout, stderr io.Writer) int {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	now, cancel := context.WithCancel(context.Background())
	defer cancel()
	term := make(chan struct{})
	go func() {
		first := true
		for {
			select {
			case sig := <-sigs:
				if sig == syscall.SIGTERM && first {
					first = false
					close(term)
					continue
				}
				// At once; and should winding down ever hang, the next
				// signal takes the default action.
				signal.Stop(sigs)
				cancel()
				return
			case <-now.Done():
				return
			}
		}
	}()
	return listen(now, term, f, stdout, stderr)
}

// listen is runListen once the signals are looked at: now ends everything
// at once; term asks for a graceful end.
func listen(now context.Context, term <-chan struct{}, f listenFlags, stdout, stderr io.Writer) int {
	policy, ok := map[string]store.DetailPolicy{"verified": store.DetailsVerified, "all": store.DetailsAll, "none": store.DetailsNone}[f.details]
	if !ok {
		fmt.Fprintf(stderr, "dxdash listen: --details must be verified, all or none, not %q\n", f.details)
		return exitUsage
	}
	if !(f.share > 0 && f.share <= 1) || f.resync < 0 {
		fmt.Fprintln(stderr, "dxdash listen: --share must be above 0 and at most 1, --resync 0 or more")
		return exitUsage
	}
	// Until the receiver is up there is nothing in hand: either signal
	// ends the setup at once.
	setup, endSetup := context.WithCancel(now)
	defer endSetup()
	go func() {
		select {
		case <-term:
			endSetup()
		case <-setup.Done():
		}
	}()
	cfg, cfgPath, status, ok := loadConfigUnless(setup, f.configPath, f.demo, stderr)
	if !ok {
		return status
	}
	addr := cfg.Webhooks.Listen
	if f.addr != "" {
		addr = f.addr
	}
	if addr == "" {
		fmt.Fprintln(stderr, "dxdash listen: no address to receive on: set listen in [webhooks] of the config, or give --addr")
		return exitUsage
	}
	if err := config.CheckListen(addr); err != nil {
		fmt.Fprintln(stderr, "dxdash listen: --addr:", err)
		return exitUsage
	}
	addr = config.Webhooks{Listen: addr}.ListenAddr()
	secrets := make([][]byte, 0, len(cfg.Webhooks.Secrets))
	for _, s := range cfg.Webhooks.Secrets {
		secrets = append(secrets, []byte(s))
	}
	if len(secrets) == 0 && f.demo {
		// The demo's API and receiver share a secret made for this run.
		secrets = append(secrets, randomSecret())
	}
	if len(secrets) == 0 {
		fmt.Fprintf(stderr, "dxdash listen: no webhook secret: put the secret the API signs with in $%s (several, comma-separated, during a rotation)\n", cfg.Webhooks.SecretEnv)
		return exitUsage
	}
	if !f.demo && cfg.APIKey == "" {
		fmt.Fprint(stderr, missingKeyHelp(cfg, cfgPath))
		return exitUsage
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash listen:", err)
		return 1
	}
	defer ln.Close()
	hookURL := "http://" + ln.Addr().String() + cfg.Webhooks.Path
	baseURL, apiKey := cfg.BaseURL, string(cfg.APIKey)
	file := store.FileName(baseURL, apiKey)
	if f.demo {
		stopDemo, url, epoch, err := startListenDemo(hookURL, secrets[0])
		if err != nil {
			fmt.Fprintln(stderr, "dxdash listen: starting the demo API:", err)
			return 1
		}
		defer stopDemo()
		baseURL, apiKey = url, fakeapi.DemoKey
		file = store.DemoFileName(fakeapi.DefaultSeed, epoch)
	}
	out := log.New(redactingWriter{w: stderr, redact: client.NewRedactor(apiKey)}, "", log.LstdFlags)
	api, err := client.New(baseURL, apiKey, client.WithTimeout(cfg.Timeout), client.WithUserAgent("dxdash/"+dxdashVersion()),
		client.WithRateLimits(cfg.RateLimits.ReadPerMinute, cfg.RateLimits.ExtractionPerMinute))
	if err != nil {
		fmt.Fprintln(stderr, "dxdash listen:", err)
		return exitUsage
	}
	dsn, ok := listenDSN(f, cfg, stderr)
	if !ok {
		return exitUsage
	}
	opened, err := openListenStore(setup, cfg, file, dsn, func(msg string) { out.Println("dxdash listen:", msg) })
	switch {
	case err != nil && setup.Err() != nil:
		return setupEnded(now, stderr)
	case err != nil:
		fmt.Fprintln(stderr, "dxdash listen:", termtext.Sanitize(err.Error()))
		return 1
	}
	st := opened.Store
	defer st.Close()
	for _, n := range opened.Notices {
		out.Println("dxdash listen:", n)
	}
	syn := syncer.New(api, st, syncer.Options{BackgroundShare: f.share})
	rcv, err := receiver.New(receiver.Options{Path: cfg.Webhooks.Path, Secrets: secrets, Store: st, Syncer: syn,
		Log:     func(line string) { out.Println("dxdash listen:", line) },
		OnEvent: func(o receiver.Outcome) { out.Println("dxdash listen:", eventLine(o)) }})
	if err != nil {
		fmt.Fprintln(stderr, "dxdash listen:", err)
		return exitUsage
	}
	if setup.Err() != nil {
		return setupEnded(now, stderr)
	}

	work, stopWork := context.WithCancel(now)
	defer stopWork()
	rcv.Start(work)
	served := make(chan error, 1)
	go func() { served <- rcv.Serve(ln) }()
	// The sync has a context of its own: on SIGTERM it stops first, so
	// that the events in hand have the background budget to themselves.
	syncCtx, stopSync := context.WithCancel(work)
	defer stopSync()
	var syncing sync.WaitGroup
	team := newTeamServer(st, syn, api, out)
	synced := func(at time.Time) {}
	var serving sync.WaitGroup
	defer func() { stopWork(); serving.Wait() }()
	if team != nil {
		synced = team.synced
		// The requests are served until the very end (work, not the
		// sync's context): they are what a dashboard waits on.
		serving.Go(func() { team.run(work) })
	}
	syncing.Go(func() { keepSynced(syncCtx, syn, policy, f.resync, out, synced) })
	where := st.Info().Path
	switch {
	case dsn != "":
		where = "shared on " + storeWhere(dsn) + ", serving the dashboards' requests"
	case where == "":
		where = "memory"
	}
	out.Printf("dxdash listen: receiving webhooks on %s (POST %s); store %s", ln.Addr(), cfg.Webhooks.Path, where)

	select {
	case <-now.Done():
		rcv.Close()
		stopWork()
		syncing.Wait()
		fmt.Fprintln(stderr, "dxdash listen: interrupted;", summary(rcv.Snapshot()))
		return exitInterrupted
	case err := <-served:
		rcv.Close()
		stopWork()
		syncing.Wait()
		fmt.Fprintln(stderr, "dxdash listen:", err)
		return 1
	case <-term:
	}
	stopSync()
	syncing.Wait()
	out.Printf("dxdash listen: stopping: no more deliveries taken; finishing the GETs of %d datasets in hand (Ctrl+C to stop at once)", rcv.Snapshot().Pending)
	err = rcv.Shutdown(now)
	stopWork()
	if err != nil && now.Err() != nil {
		fmt.Fprintln(stderr, "dxdash listen: interrupted;", summary(rcv.Snapshot()))
		return exitInterrupted
	}
	out.Println("dxdash listen: stopped;", summary(rcv.Snapshot()))
	return 0
}

// setupEnded reports a signal taken while setting up.
func setupEnded(now context.Context, stderr io.Writer) int {
	if now.Err() != nil {
		fmt.Fprintln(stderr, "dxdash listen: interrupted")
		return exitInterrupted
	}
	fmt.Fprintln(stderr, "dxdash listen: stopped before receiving anything")
	return 0
}

func summary(s receiver.Status) string {
	return fmt.Sprintf("%d events received, %d duplicates, %d rejected, %d GETs", s.Received, s.Duplicates, s.RejectedTotal(), s.Fetches)
}

// eventLine is the log line of one event: type, dataset, outcome. The
// event's strings are the sender's, signed but not to be trusted with a
// terminal.
func eventLine(o receiver.Outcome) string {
	line := fmt.Sprintf("%s %s: %s", termtext.Sanitize(o.Type), termtext.Sanitize(o.DatasetID), o.Result)
	switch {
	case o.Result == receiver.Updated && o.Verified:
		line += " (" + termtext.Sanitize(o.Status) + ", verified)"
	case o.Result == receiver.Updated:
		line += " (" + termtext.Sanitize(o.Status) + ")"
	case o.Err != nil:
		line += ": " + termtext.Sanitize(o.Err.Error())
	}
	if o.Shared {
		line += ", one GET for several events"
	}
	return line
}

// keepSynced walks the list at start and every interval after, so that
// an event lost for good (the API gave up on it) is caught up with.
func keepSynced(ctx context.Context, s *syncer.Syncer, policy store.DetailPolicy, every time.Duration, out *log.Logger, synced func(time.Time)) {
	for {
		p, err := s.Sync(ctx, policy)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			out.Println("dxdash listen: sync:", termtext.Sanitize(err.Error()))
		default:
			out.Printf("dxdash listen: synced: %d pages, %d new, %d changed, %d details fetched", p.Pages, p.New, p.Changed, p.Details)
			synced(time.Now())
		}
		if every == 0 {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// startListenDemo serves the living demo account on a free loopback port,
// delivering its events to hookURL.
func startListenDemo(hookURL string, secret []byte) (stop func(), baseURL string, epoch time.Time, err error) {
	cfg := fakeapi.DefaultConfig()
	cfg.Living = fakeapi.Rates{ArrivalsPerHour: fakeapi.DemoArrivalsPerHour, ReviewsPerHour: fakeapi.DemoReviewsPerHour}
	cfg.Epoch = fakeapi.DayEpoch(time.Now())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", time.Time{}, err
	}
	api := fakeapi.New(cfg)
	srv := &http.Server{Handler: api, ReadHeaderTimeout: 5 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go func() { _ = srv.Serve(ln) }()
	sender := api.StartWebhooks(fakeapi.Webhooks{URL: hookURL, Secret: secret})
	stop = func() {
		sender.Stop()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); errors.Is(err, context.DeadlineExceeded) {
			_ = srv.Close()
		}
	}
	return stop, "http://" + ln.Addr().String(), cfg.Epoch, nil
}

func randomSecret() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return []byte(hex.EncodeToString(b))
}
