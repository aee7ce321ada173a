package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
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
)

// runListen is `dxdash listen`: the webhook receiver, the store and the
// sync, with no screen. SIGTERM stops taking deliveries, finishes the
// events in hand and exits 0; Ctrl+C (SIGINT), or a second signal, ends it
// at once, in every phase, with status 130.
func runListen(args []string, stdout, stderr io.Writer) int {
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
	return listen(now, term, args, stdout, stderr)
}

// listen is runListen once the signals are looked at: now ends everything
// at once; term asks for a graceful end.
func listen(now context.Context, term <-chan struct{}, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dxdash listen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addrFlag := fs.String("addr", "", "address to receive webhooks on (default [webhooks] listen; a port alone, \":8787\", binds loopback)")
	demo := fs.Bool("demo", false, "run against the embedded demo API, which delivers its living account's events here")
	configPath := fs.String("config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
	share := fs.Float64("share", syncer.DefaultBackgroundShare, "share of the rate budget the sync and the events' GETs may use (0-1]")
	details := fs.String("details", "verified", "which datasets the sync fetches in full: verified, all or none (an event's dataset is always fetched)")
	resync := fs.Duration("resync", 15*time.Minute, "walk the list again this often, in case an event was lost (0: only at start)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: dxdash listen [flags]   (receives webhooks and keeps the store current, headless)
SIGTERM finishes the events in hand and exits 0; Ctrl+C stops at once.

Flags:
`)
		fs.PrintDefaults()
	}
	if status, ok := parseFlags(fs, args); !ok {
		return status
	}
	policy, ok := map[string]store.DetailPolicy{"verified": store.DetailsVerified, "all": store.DetailsAll, "none": store.DetailsNone}[*details]
	if !ok {
		fmt.Fprintf(stderr, "dxdash listen: --details must be verified, all or none, not %q\n", *details)
		return exitUsage
	}
	if !(*share > 0 && *share <= 1) || *resync < 0 {
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
	cfg, cfgPath, status, ok := loadConfigUnless(setup, *configPath, *demo, stderr)
	if !ok {
		return status
	}
	addr := cfg.Webhooks.Listen
	if *addrFlag != "" {
		addr = *addrFlag
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
	if len(secrets) == 0 && *demo {
		// The demo's API and receiver share a secret made for this run.
		secrets = append(secrets, randomSecret())
	}
	if len(secrets) == 0 {
		fmt.Fprintf(stderr, "dxdash listen: no webhook secret: put the secret the API signs with in $%s (several, comma-separated, during a rotation)\n", cfg.Webhooks.SecretEnv)
		return exitUsage
	}
	if !*demo && cfg.APIKey == "" {
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
	if *demo {
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
	opened, err := openStore(setup, cfg, file, func(msg string) { out.Println("dxdash listen:", msg) })
	if err != nil {
		fmt.Fprintln(stderr, "dxdash listen:", err)
		return exitInterrupted
	}
	st := opened.Store
	defer st.Close()
	for _, n := range opened.Notices {
		out.Println("dxdash listen:", n)
	}
	syn := syncer.New(api, st, syncer.Options{BackgroundShare: *share})
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
	syncing.Go(func() { keepSynced(syncCtx, syn, policy, *resync, out) })
	where := st.Info().Path
	if where == "" {
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
func keepSynced(ctx context.Context, s *syncer.Syncer, policy store.DetailPolicy, every time.Duration, out *log.Logger) {
	for {
		p, err := s.Sync(ctx, policy)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			out.Println("dxdash listen: sync:", termtext.Sanitize(err.Error()))
		default:
			out.Printf("dxdash listen: synced: %d pages, %d new, %d changed, %d details fetched", p.Pages, p.New, p.Changed, p.Details)
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
