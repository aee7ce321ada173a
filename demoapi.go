package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/dxdash/dxdash/fakeapi"
)

// runDemoAPI is `dxdash demo-api`: the embedded API alone, until SIGINT or SIGTERM.
func runDemoAPI(args []string, stdout, stderr io.Writer) int {
	def := fakeapi.DefaultConfig()
	fs := flag.NewFlagSet("dxdash demo-api", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback unless you say otherwise)")
	datasets := fs.Int("datasets", def.DatasetCount, "number of generated datasets")
	seed := fs.Uint64("seed", def.Seed, "corpus seed: the same seed serves byte-identical data")
	key := fs.String("key", fakeapi.DemoKey, "the API key clients must send as Bearer")
	rpm := fs.Int("rpm", def.ReadPerMinute, "list/get requests per minute per key")
	extractRPM := fs.Int("extract-rpm", def.ExtractionPerMinute, "extraction requests per minute per key")
	faults := fs.Float64("faults", 0, "share of requests that fail on purpose (0.0-1.0): 500s, slow or malformed responses, dropped connections")
	arrivals := fs.Int("arrivals-per-hour", fakeapi.DemoArrivalsPerHour, "new datasets uploaded per hour, processed for a minute or two (0 keeps the corpus still)")
	reviews := fs.Int("reviews-per-hour", fakeapi.DemoReviewsPerHour, "completed datasets reviewed per hour: ground truth and accuracy appear (0: none)")
	fromNow := fs.Bool("live-from-now", false, "start the living account now rather than at the start of the UTC day: every unreviewed dataset is still waiting for its reviewer")
	hookURL := fs.String("webhook-url", "", "deliver the living account's webhook events to this URL (e.g. http://127.0.0.1:8787/webhooks/dataextractor)")
	hookSecretEnv := fs.String("webhook-secret-env", "DATAEXTRACTOR_WEBHOOK_SECRET", "the environment variable holding the secret that signs deliveries (never give the secret itself on the command line)")
	hookFaults := fs.Float64("webhook-faults", 0, "share of webhook events (0.0-1.0) dropped, duplicated, delayed or reordered on purpose")
	hostile := fs.Bool("hostile", false, "serve a small corpus of hostile values instead (escape sequences, bidi overrides, huge and wide text, out-of-range numbers), to see that clients stay intact")
	if status, ok := parseFlags(fs, args); !ok {
		return status
	}
	if err := validateDemoAPIFlags(*rpm, *extractRPM); err != nil {
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return exitUsage
	}

	cfg := def
	cfg.APIKeys = []fakeapi.APIKey{{Name: fakeapi.DemoKeyName, Key: *key}}
	cfg.DatasetCount = *datasets
	cfg.Seed = *seed
	cfg.ReadPerMinute = *rpm
	cfg.ExtractionPerMinute = *extractRPM
	cfg.FaultRate = *faults
	cfg.Hostile = *hostile
	cfg.Living = fakeapi.Rates{ArrivalsPerHour: *arrivals, ReviewsPerHour: *reviews}
	if cfg.Living != (fakeapi.Rates{}) {
		// A living account starts the day it is served: the same seed gives
		// the same account all day, whenever the server was started.
		cfg.Epoch = fakeapi.DayEpoch(time.Now())
		if *fromNow {
			cfg.Epoch = time.Now().UTC().Truncate(time.Second)
		}
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return exitUsage
	}
	hooks, err := demoWebhooks(*hookURL, *hookSecretEnv, *hookFaults, os.Getenv)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return exitUsage
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return 1
	}
	api := fakeapi.New(cfg)
	srv := &http.Server{Handler: api, ReadHeaderTimeout: 5 * time.Second}
	if hooks != nil {
		hooks.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
		sender := api.StartWebhooks(*hooks)
		defer sender.Stop()
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	fmt.Fprintf(stdout, "dataextractor.io demo API: %d datasets (seed %d), %d req/min list/get\n", cfg.DatasetCount, cfg.Seed, cfg.ReadPerMinute)
	if r := cfg.Living; r != (fakeapi.Rates{}) && !cfg.Hostile {
		fmt.Fprintf(stdout, "  living:   %d arrivals and %d reviews an hour since %s\n", r.ArrivalsPerHour, r.ReviewsPerHour, cfg.Epoch.Format(time.RFC3339))
	}
	fmt.Fprintf(stdout, "  base URL: http://%s\n", ln.Addr())
	fmt.Fprintf(stdout, "  API key:  %s   (a demo key, not a secret)\n", *key)
	fmt.Fprintf(stdout, "  try:      curl -H 'Authorization: Bearer %s' http://%s/api/v1/datasets?limit=2\n", *key, ln.Addr())
	if hooks != nil {
		fmt.Fprintf(stdout, "  webhooks: to %s, signed with $%s", redactURL(hooks.URL), *hookSecretEnv)
		if hooks.Faults > 0 {
			fmt.Fprintf(stdout, ", %.0f %% of events faulty", hooks.Faults*100)
		}
		fmt.Fprintln(stdout)
		if cfg.Living == (fakeapi.Rates{}) || cfg.Hostile {
			fmt.Fprintln(stdout, "  (a still account: no events will come)")
		}
	}
	fmt.Fprintln(stdout, "Ctrl+C stops it.")

	select {
	case err := <-served:
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintln(stderr, "dxdash demo-api: shutdown:", err)
		return 1
	}
	fmt.Fprintln(stdout, "stopped")
	return 0
}

// demoWebhooks is the delivery the flags ask for: nil without a URL. The
// secret is read from the variable secretEnv names; with several
// (comma-separated, a rotation), the first signs.
func demoWebhooks(rawURL, secretEnv string, faults float64, getenv func(string) string) (*fakeapi.Webhooks, error) {
	if rawURL == "" {
		return nil, nil
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("--webhook-url must be an http:// or https:// URL")
	}
	if !(faults >= 0 && faults <= 1) {
		return nil, errors.New("--webhook-faults must be from 0.0 to 1.0")
	}
	secret, _, _ := strings.Cut(getenv(secretEnv), ",")
	if secret = strings.TrimSpace(secret); secret == "" {
		return nil, fmt.Errorf("--webhook-url needs a secret to sign with: set it in $%s (or name another variable with --webhook-secret-env)", secretEnv)
	}
	return &fakeapi.Webhooks{URL: rawURL, Secret: []byte(secret), Faults: faults}, nil
}

// validateDemoAPIFlags checks what fakeapi.Config.Validate would accept but a
// person almost certainly did not mean: a limit of 0 means "the default" there.
func validateDemoAPIFlags(rpm, extractRPM int) error {
	if rpm < 1 || extractRPM < 1 {
		return errors.New("--rpm and --extract-rpm must be at least 1")
	}
	return nil
}
