package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/syncer"
	"github.com/dxdash/dxdash/termtext"
)

// syncFlags are `dxdash sync`'s flags.
type syncFlags struct {
	details    string
	share      float64
	demo       bool
	configPath string
}

// syncCommand is `dxdash sync`: bring the store up to date and exit.
func syncCommand(inv *invocation) *cobra.Command {
	var f syncFlags
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Bring the local store up to date, then exit",
		Long: "Bring the local store up to date, then exit: a progress bar with the time left " +
			"(plain lines when stderr is not a terminal), then pages, new, changed, gone, " +
			"details fetched and requests used. Interrupted and run again, it goes on from " +
			"where it stopped.",
		Example: `  dxdash sync
  dxdash sync --details all --share 0.2
  dxdash sync --demo`,
		Args: noArgs,
		RunE: inv.runs(func(cmd *cobra.Command) int {
			ctx, stop := inv.context()
			defer stop()
			return runSync(ctx, f, cmd.ErrOrStderr(), inv.envFor(cmd.ErrOrStderr()))
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&f.details, "details", "verified", "which datasets to fetch in full: verified, all or none")
	fs.Float64Var(&f.share, "share", syncer.DefaultBackgroundShare, "share of the rate budget the sync may use (0-1], leaving the rest to dashboards on the same key")
	fs.BoolVar(&f.demo, "demo", false, "sync the embedded demo API's account into the demo's own store")
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
	completeWords(cmd, "details", "verified", "all", "none")
	completeWords(cmd, "share")
	completeFile(cmd, "config", "toml")
	return cmd
}

// syncStore runs `dxdash sync args...` with ctx and env in place of the
// process's; env.terminal says stderr is a terminal (a progress bar
// rather than lines).
func syncStore(ctx context.Context, args []string, stderr io.Writer, env exportEnv) int {
	inv := &invocation{stdout: io.Discard, stderr: stderr, ctx: ctx, env: &env}
	return inv.execute(append([]string{"sync"}, args...))
}

// runSync is `dxdash sync` once its flags are parsed.
func runSync(ctx context.Context, f syncFlags, stderr io.Writer, env exportEnv) int {
	policy, ok := map[string]store.DetailPolicy{"verified": store.DetailsVerified, "all": store.DetailsAll, "none": store.DetailsNone}[f.details]
	if !ok {
		fmt.Fprintf(stderr, "dxdash sync: --details must be verified, all or none, not %q\n", f.details)
		return exitUsage
	}
	if !(f.share > 0 && f.share <= 1) {
		fmt.Fprintln(stderr, "dxdash sync: --share must be above 0 and at most 1")
		return exitUsage
	}
	cfg, cfgPath, status, ok := loadConfigUnless(ctx, f.configPath, f.demo, stderr)
	if !ok {
		return status
	}
	baseURL, apiKey := cfg.BaseURL, string(cfg.APIKey)
	file := store.FileName(baseURL, apiKey)
	if f.demo {
		dcfg := demoConfig(time.Now())
		stopDemo, url, err := startDemoServerWith(log.New(io.Discard, "", 0), dcfg, nil)
		if err != nil {
			fmt.Fprintln(stderr, "dxdash sync: starting the demo API:", err)
			return 1
		}
		defer stopDemo()
		baseURL, apiKey = url, fakeapi.DemoKey
		file = demoStoreFile(dcfg)
	} else if apiKey == "" {
		fmt.Fprint(stderr, missingKeyHelp(cfg, cfgPath))
		return exitUsage
	}
	opts := []client.Option{
		client.WithTimeout(cfg.Timeout),
		client.WithUserAgent("dxdash/" + dxdashVersion()),
		client.WithRateLimits(cfg.RateLimits.ReadPerMinute, cfg.RateLimits.ExtractionPerMinute),
	}
	if env.httpClient != nil {
		opts = append(opts, client.WithHTTPClient(env.httpClient))
	}
	api, err := client.New(baseURL, apiKey, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "dxdash sync:", err)
		return exitUsage
	}

	opened, err := openStore(ctx, cfg, file, func(msg string) { fmt.Fprintln(stderr, "dxdash sync:", msg) })
	if err != nil {
		fmt.Fprintln(stderr, "dxdash sync:", err)
		return 1
	}
	st := opened.Store
	defer st.Close()
	for _, n := range opened.Notices {
		fmt.Fprintln(stderr, "dxdash sync:", n)
	}
	if st.Info().Memory {
		fmt.Fprintln(stderr, "dxdash sync: warning: the store is in memory, so this sync is lost when it ends")
	}

	bar := &syncProgress{w: stderr, terminal: env.terminal, start: time.Now(), limit: cfg.RateLimits.ReadPerMinute, share: f.share}
	s := syncer.New(api, st, syncer.Options{BackgroundShare: f.share, OnProgress: bar.show})
	p, err := s.Sync(ctx, policy)
	bar.finish()
	summary := fmt.Sprintf("%d pages, %d new, %d changed, %d gone, %d details fetched, %d requests",
		p.Pages, p.New, p.Changed, p.Gone, p.Details, p.Requests())
	if p.Resumed {
		summary += " (resumed an interrupted walk)"
	}
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "dxdash sync: interrupted after", summary+"; run it again to go on")
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintln(stderr, "dxdash sync:", termtext.Sanitize(err.Error()))
		fmt.Fprintln(stderr, "dxdash sync: stopped after", summary+"; run it again to go on")
		return 1
	}
	where := st.Info().Path
	if where == "" {
		where = "memory"
	}
	fmt.Fprintf(stderr, "dxdash sync: done: %s, in %s; store %s\n", summary, time.Since(bar.start).Round(time.Second), where)
	return 0
}

// openStore opens the store cfg.Store names: the auto path is file under
// the cache folder.
func openStore(ctx context.Context, cfg config.Config, file string, notify func(string)) (*store.Opened, error) {
	o := store.Options{Setting: cfg.Store, File: file, Notify: notify}
	if dir, err := store.Dir(nil, nil); err == nil {
		o.Dir = dir
	}
	if rest, ok := strings.CutPrefix(o.Setting, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			o.Setting = filepath.Join(home, rest)
		}
	}
	return store.Open(ctx, o)
}

// syncProgress draws a bar with the time left on a terminal, and a plain
// line every ten pages or fifty details elsewhere.
type syncProgress struct {
	w        io.Writer
	terminal bool
	start    time.Time
	limit    int
	share    float64
	last     time.Time
}

func (b *syncProgress) show(p syncer.Progress) {
	done := p.Pages + p.Details
	total := done + p.Remaining()
	if !b.terminal {
		if p.Phase == syncer.Listing && p.Pages%10 == 0 && p.Pages > 0 || p.Phase == syncer.Fetching && p.Details%50 == 0 && p.Details > 0 {
			fmt.Fprintf(b.w, "dxdash sync: %s: %d pages (%d new, %d changed), %d of %d details\n",
				p.Phase, p.Pages, p.New, p.Changed, p.Details, p.DetailsExpected)
		}
		return
	}
	now := time.Now()
	if now.Sub(b.last) < 100*time.Millisecond && done < total {
		return
	}
	b.last = now
	const width = 30
	filled := 0
	if total > 0 {
		filled = width * done / total
	}
	// What is left, at the pace the budget allows a background sync.
	perMinute := max(1, float64(b.limit)*b.share)
	left := time.Duration(float64(p.Remaining()) / perMinute * float64(time.Minute)).Round(time.Second)
	fmt.Fprintf(b.w, "\r[%s%s] %d/%d %s, about %s left ", strings.Repeat("█", filled), strings.Repeat("░", width-filled),
		done, total, p.Phase, left)
}

func (b *syncProgress) finish() {
	if b.terminal {
		fmt.Fprintln(b.w)
	}
}
