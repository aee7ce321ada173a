package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/ui"
)

// dashboardFlags are the dashboard's flags: the root command's.
type dashboardFlags struct {
	demo       bool
	configPath string
	logPath    string
	offline    bool
	// demoFromNow starts the demo's living account now rather than at
	// the start of the UTC day: the few datasets processing at its start
	// complete within the first minute, on screen. Hidden: each such run
	// is an account of its own, with a store of its own; for the terminal
	// tests and demonstrations.
	demoFromNow bool
}

// dashboardCommand is the root command, `dxdash [--demo] [--config FILE]
// [--log FILE]`: the dashboard. --version and --help come with it.
func dashboardCommand(inv *invocation) *cobra.Command {
	var f dashboardFlags
	cmd := &cobra.Command{
		Use:   "dxdash",
		Short: "A terminal dashboard for the dataextractor.io Document Extraction API",
		Long: "A terminal dashboard for the dataextractor.io Document Extraction API: browse " +
			"the extracted datasets, open one and review each field's value and confidence " +
			"against the ground truth, with the rate budget in view. With no sub-command, the" +
			" dashboard.",
		Example: `  # the dashboard, against the API in the config file (the key from DATAEXTRACTOR_API_KEY)
  dxdash
  # the dashboard, against an embedded API with generated data: no key, no network
  dxdash --demo
  dxdash export --demo --format json --verified true > verified.json`,
		// No Args: cobra then says of a stray word that it is an unknown
		// command, and suggests the sub-command it is close to.
		RunE: inv.runs(func(cmd *cobra.Command) int {
			return runDashboard(f, cmd.OutOrStdout(), cmd.ErrOrStderr())
		}),
	}
	fs := cmd.Flags()
	fs.BoolVar(&f.demo, "demo", false, "run against an embedded API with generated data: no config, no key, no network")
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
	fs.BoolVar(&f.offline, "offline", false, "no network at all: browse, search and analyse what the local store holds")
	fs.StringVar(&f.logPath, "log", "", "write a debug log to this file (nothing is written to the terminal)")
	fs.BoolVar(&f.demoFromNow, "demo-from-now", false, "with --demo, start the living account now: its processing datasets complete in the first minute")
	_ = fs.MarkHidden("demo-from-now")
	completeFile(cmd, "config", "toml")
	completeFile(cmd, "log")
	return cmd
}

// runDashboard runs the dashboard until the user quits; it returns the
// exit status.
func runDashboard(f dashboardFlags, stdout, stderr io.Writer) int {
	cfg, cfgPath, status, ok := loadConfig(f.configPath, f.demo, stderr)
	if !ok {
		return status
	}
	apiKey := string(cfg.APIKey)
	if f.demo {
		apiKey = fakeapi.DemoKey
	} else if apiKey == "" {
		fmt.Fprint(stderr, missingKeyHelp(cfg, cfgPath))
		return exitUsage
	}
	// The log opens once the key is known: everything written to it is
	// redacted with it.
	logger, closeLog, err := openLog(f.logPath, client.NewRedactor(apiKey))
	if err != nil {
		fmt.Fprintln(stderr, "dxdash:", err)
		return exitUsage
	}
	defer closeLog()

	opts := uiOptions(cfg, cfgPath)
	session := dashboardSession{cfg: cfg, file: store.FileName(cfg.BaseURL, apiKey), offline: f.offline, logger: logger}
	baseURL := cfg.BaseURL
	if !f.offline {
		hooks, err := openDashboardHooks(cfg, f.demo)
		if err != nil {
			fmt.Fprintln(stderr, "dxdash:", err)
			return exitUsage
		}
		defer hooks.close()
		session.hooks = hooks
	}
	if f.demo {
		dcfg := demoConfig(time.Now())
		if f.demoFromNow {
			dcfg.Epoch = time.Now().UTC().Truncate(time.Second)
		}
		session.file = demoStoreFile(dcfg)
		opts.Title = "demo"
		opts.KeyHelp = "The embedded demo API refused its own key: this is a bug in dxdash."
		if !f.offline {
			stop, url, err := startDemoServerWith(logger, dcfg, session.hooks.demoWebhooks(logger))
			if err != nil {
				fmt.Fprintln(stderr, "dxdash: starting the demo API:", err)
				return 1
			}
			defer stop()
			baseURL = url
		}
	}
	source := keySource(cfg)
	if f.demo {
		source = "the embedded demo API"
	}
	if f.offline {
		// No client is made: no request is possible.
		logger.Printf("dashboard %s offline, over the local store", dxdashVersion())
		return runProgram(context.Background(), session, nil, opts, stderr)
	}

	feed := ui.NewBudgetFeed()
	opts.Budget = feed
	api, err := dashboardClient(baseURL, apiKey, cfg, logger, http.DefaultTransport, feed.Observe)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash:", err)
		return exitUsage
	}
	logger.Printf("dashboard %s against %s, key from %s", dxdashVersion(), redactURL(baseURL), source)
	return runProgram(context.Background(), session, api, opts, stderr)
}

// dashboardClient is the dashboard's API client: its requests go through
// transport, each one written to the request log.
func dashboardClient(baseURL, apiKey string, cfg config.Config, logger *log.Logger, transport http.RoundTripper, observe func(client.Budget)) (*client.Client, error) {
	httpClient := &http.Client{Transport: requestLog{next: transport, logger: logger, clean: client.NewRedactor(apiKey)}}
	return client.New(baseURL, apiKey,
		client.WithHTTPClient(httpClient),
		client.WithTimeout(cfg.Timeout),
		client.WithUserAgent("dxdash/"+dxdashVersion()),
		client.WithRateLimits(cfg.RateLimits.ReadPerMinute, cfg.RateLimits.ExtractionPerMinute),
		client.WithBudgetObserver(observe),
	)
}

// loadConfig reads the config file; with --demo an absent file is fine and
// the API settings in it are not used.
func loadConfig(path string, demo bool, stderr io.Writer) (cfg config.Config, usedPath string, status int, ok bool) {
	explicit := path != ""
	if !explicit {
		p, err := config.DefaultPath()
		switch {
		case err != nil && demo:
			return config.Defaults(), "", 0, true // the demo needs no config
		case err != nil:
			fmt.Fprintln(stderr, "dxdash:", err)
			return cfg, "", exitUsage, false
		}
		path = p
	}
	cfg, warnings, err := config.Load(path, explicit, os.Getenv)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "dxdash: warning:", w)
	}
	if err != nil {
		fmt.Fprintln(stderr, "dxdash:", err)
		return cfg, path, exitUsage, false
	}
	return cfg, path, 0, true
}

func uiOptions(cfg config.Config, cfgPath string) ui.Options {
	title := cfg.BaseURL
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Host != "" {
		title = u.Host
	}
	return ui.Options{
		Title:    title,
		PageSize: cfg.PageSize,
		Thresholds: ui.Thresholds{
			Low:    cfg.Thresholds.Low,
			Medium: cfg.Thresholds.Medium,
			High:   cfg.Thresholds.High,
		},
		PollInterval:    cfg.PollInterval,
		DetailCacheSize: cfg.DetailCacheSize,
		DefaultFilters: ui.Filters{
			CustomerID:  cfg.Filters.CustomerID,
			DatasetType: cfg.Filters.DatasetType,
			IsVerified:  cfg.Filters.IsVerified.Bool(),
		},
		Theme:   string(cfg.Theme),
		KeyHelp: keyHelp(cfg, cfgPath),
	}
}

// keyHelp tells where the key was read from and how to set another; it never
// contains the key.
func keyHelp(cfg config.Config, cfgPath string) string {
	return fmt.Sprintf(`The API key was read from %s.

Set a valid key with:
  export %s=<your-api-key>
or put api_key = "<your-api-key>" in %s (chmod 600).

To look around without a key: dxdash --demo`, keySource(cfg), cfg.APIKeyEnv, cfgPath)
}

// keySource says where the key came from, for messages; never the key.
func keySource(cfg config.Config) string {
	if cfg.KeySource == "" {
		return "nowhere (no key is set)"
	}
	return cfg.KeySource
}

func missingKeyHelp(cfg config.Config, cfgPath string) string {
	return fmt.Sprintf(`dxdash: no API key.

Set one with:
  export %s=<your-api-key>
or put api_key = "<your-api-key>" in %s (chmod 600).

To look around without a key, run the demo: dxdash --demo
`, cfg.APIKeyEnv, cfgPath)
}

// startDemoServer serves the embedded API on a free loopback port.
func startDemoServer(logger *log.Logger) (stop func(), baseURL string, err error) {
	fcfg := fakeapi.DefaultConfig()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	srv := &http.Server{
		Handler:           fakeapi.New(fcfg),
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          logger,
	}
	go func() { _ = srv.Serve(ln) }()
	stop = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return stop, "http://" + ln.Addr().String(), nil
}

// openLog returns a logger writing to path through redact, or one that
// discards when path is empty: the dashboard owns the terminal, so nothing
// else may write to it.
func openLog(path string, redact client.Redactor) (*log.Logger, func(), error) {
	if path == "" {
		return log.New(io.Discard, "", 0), func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the log: %w", err)
	}
	return log.New(redactingWriter{w: f, redact: redact}, "", log.LstdFlags|log.Lmicroseconds), func() { _ = f.Close() }, nil
}

// redactURL drops any user info from a URL before it is logged.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	return u.String()
}

// rendererFPS is how often Bubble Tea's renderer wakes to see whether the
// screen changed: it ticks at that rate whether anything happens or not,
// and only its tick puts a frame on the terminal (v2 has no other way). At
// the default 60 an idle dashboard woke about 317 times a second (0.5 % of
// a core); at 30 it wakes 165 times (0.33 %), and a key's frame waits at
// most 33 ms for the tick instead of 17 (8 ms longer on average), still
// faster than a held key repeats (about 30 a second), so each repeat gets a
// frame of its own. Figures: README, "Idle".
const rendererFPS = 30
