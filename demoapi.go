package main

import (
	"context"
	"errors"
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
	"github.com/spf13/cobra"
)

// demoAPIFlags are `dxdash demo-api`'s flags.
type demoAPIFlags struct {
	addr, key                                    string
	datasets, rpm, extractRPM, arrivals, reviews int
	seed                                         uint64
	faults                                       float64
	hostile                                      bool
	// The living account's webhooks: where to, the variable with the
	// secret (never the secret itself), and how faulty.
	fromNow                bool
	hookURL, hookSecretEnv string
	hookFaults             float64
}

// demoAPICommand is `dxdash demo-api`: the embedded API alone, until
// SIGINT or SIGTERM.
func demoAPICommand(inv *invocation) *cobra.Command {
	def := fakeapi.DefaultConfig()
	var f demoAPIFlags
	cmd := &cobra.Command{
		Use:   "demo-api",
		Short: "Serve the embedded demo API alone, for scripts and other clients",
		Long: "Serve the embedded demo API alone, for scripts and other clients: it prints its " +
			"URL and key, and stops cleanly on Ctrl+C. It serves a living account: new " +
			"datasets arrive, are processed and complete (or fail), and reviewers verify " +
			"them.",
		Example: `  dxdash demo-api --addr 127.0.0.1:8080
  # a still corpus, with 30 % of the requests failing on purpose
  dxdash demo-api --arrivals-per-hour 0 --reviews-per-hour 0 --faults 0.3`,
		Args: noArgs,
		RunE: inv.runs(func(cmd *cobra.Command) int {
			return runDemoAPI(f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (loopback unless you say otherwise)")
	fs.IntVar(&f.datasets, "datasets", def.DatasetCount, "number of generated datasets")
	fs.Uint64Var(&f.seed, "seed", def.Seed, "corpus seed: the same seed serves byte-identical data")
	fs.StringVar(&f.key, "key", fakeapi.DemoKey, "the API key clients must send as Bearer")
	fs.IntVar(&f.rpm, "rpm", def.ReadPerMinute, "requests per minute per key for lists and gets")
	fs.IntVar(&f.extractRPM, "extract-rpm", def.ExtractionPerMinute, "extraction requests per minute per key")
	fs.Float64Var(&f.faults, "faults", 0, "share of requests that fail on purpose (0.0-1.0): 500s, slow or malformed responses, dropped connections")
	fs.IntVar(&f.arrivals, "arrivals-per-hour", fakeapi.DemoArrivalsPerHour, "new datasets uploaded per hour, processed for a minute or two (0 keeps the corpus still)")
	fs.IntVar(&f.reviews, "reviews-per-hour", fakeapi.DemoReviewsPerHour, "completed datasets reviewed per hour: ground truth and accuracy appear (0: none)")
	fs.BoolVar(&f.fromNow, "live-from-now", false, "start the living account now rather than at the start of the UTC day: every unreviewed dataset is still waiting for its reviewer")
	fs.StringVar(&f.hookURL, "webhook-url", "", "deliver the living account's webhook events to this URL (e.g. http://127.0.0.1:8787/webhooks/dataextractor)")
	fs.StringVar(&f.hookSecretEnv, "webhook-secret-env", "DATAEXTRACTOR_WEBHOOK_SECRET", "the environment variable holding the secret that signs deliveries (never give the secret itself on the command line)")
	fs.Float64Var(&f.hookFaults, "webhook-faults", 0, "share of webhook events (0.0-1.0) dropped, duplicated, delayed or reordered on purpose")
	fs.BoolVar(&f.hostile, "hostile", false, "serve a small corpus of hostile values instead (escape sequences, bidi overrides, huge and wide text, out-of-range numbers), to see that clients stay intact")
	for _, name := range []string{"addr", "datasets", "seed", "key", "rpm", "extract-rpm", "faults", "arrivals-per-hour", "reviews-per-hour", "webhook-url", "webhook-secret-env", "webhook-faults"} {
		completeWords(cmd, name)
	}
	return cmd
}

// runDemoAPI serves until SIGINT or SIGTERM and returns the exit status.
func runDemoAPI(f demoAPIFlags, stdout, stderr io.Writer) int {
	def := fakeapi.DefaultConfig()
	if err := validateDemoAPIFlags(f.rpm, f.extractRPM); err != nil {
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return exitUsage
	}

	cfg := def
	cfg.APIKeys = []fakeapi.APIKey{{Name: fakeapi.DemoKeyName, Key: f.key}}
	cfg.DatasetCount = f.datasets
	cfg.Seed = f.seed
	cfg.ReadPerMinute = f.rpm
	cfg.ExtractionPerMinute = f.extractRPM
	cfg.FaultRate = f.faults
	cfg.Hostile = f.hostile
	cfg.Living = fakeapi.Rates{ArrivalsPerHour: f.arrivals, ReviewsPerHour: f.reviews}
	if cfg.Living != (fakeapi.Rates{}) {
		// A living account starts the day it is served: the same seed gives
		// the same account all day, whenever the server was started.
		cfg.Epoch = fakeapi.DayEpoch(time.Now())
		if f.fromNow {
			cfg.Epoch = time.Now().UTC().Truncate(time.Second)
		}
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return exitUsage
	}
	hooks, err := demoWebhooks(f.hookURL, f.hookSecretEnv, f.hookFaults, os.Getenv)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash demo-api:", err)
		return exitUsage
	}

	ln, err := net.Listen("tcp", f.addr)
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
	fmt.Fprintf(stdout, "  API key:  %s   (a demo key, not a secret)\n", f.key)
	fmt.Fprintf(stdout, "  try:      curl -H 'Authorization: Bearer %s' http://%s/api/v1/datasets?limit=2\n", f.key, ln.Addr())
	if hooks != nil {
		fmt.Fprintf(stdout, "  webhooks: to %s, signed with $%s", redactURL(hooks.URL), f.hookSecretEnv)
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
