package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/termtext"
)

// exportFlags are `dxdash export`'s flags.
type exportFlags struct {
	format, customer, datasetType, verified, search, configPath string
	fields, checks, demo, offline                               bool
}

// exportCommand is `dxdash export`: the datasets matching the filters (or,
// with --fields, every field of them) to stdout as CSV or JSON, headless.
func exportCommand(inv *invocation) *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the matching datasets (or their fields) to stdout as CSV or JSON",
		Long: "Write the datasets matching the filters (with --fields, one row per field: " +
			"value, ground truth, score, confidence) to stdout as CSV or JSON, headless, " +
			"paced within the rate budget; progress goes to stderr. Rows stream as they arrive: " +
			"| head shows the first at once, and a closed pipe ends the export. On a terminal, control characters in " +
			"the data are removed; a file or a pipe gets it as sent.",
		Example: `  dxdash export --format csv --dataset-type invoice > invoices.csv
  dxdash export --format json --verified true --fields > fields.json
  # from the local store (see dxdash sync), without a request
  dxdash export --offline`,
		Args: noArgs,
		RunE: inv.runs(func(cmd *cobra.Command) int {
			ctx, stop := inv.context()
			defer stop()
			return runExport(ctx, f, cmd.OutOrStdout(), cmd.ErrOrStderr(), inv.envFor(cmd.OutOrStdout()))
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&f.format, "format", "csv", "output format: csv or json")
	fs.StringVar(&f.customer, "customer-id", "", "only this customer's datasets")
	fs.StringVar(&f.datasetType, "dataset-type", "", "only this dataset type (invoice, purchase_order, receipt, …)")
	fs.StringVar(&f.verified, "verified", "", "only verified (true) or unverified (false) datasets")
	fs.StringVar(&f.search, "search", "", "search the extracted values for this text (on the server)")
	fs.BoolVar(&f.fields, "fields", false, "one row per field (value, ground truth, score, confidence); fetches every dataset in full")
	fs.BoolVar(&f.checks, "checks", false, "add each dataset's consistency checks (name, outcome, fields, working); fetches every dataset in full, and writes once all are in")
	fs.BoolVar(&f.demo, "demo", false, "export from an embedded API with generated data: no config, no key, no network")
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/dxdash/config.toml)")
	fs.BoolVar(&f.offline, "offline", false, "export from the local store (see dxdash sync) without a request")
	completeWords(cmd, "format", "csv", "json")
	completeWords(cmd, "dataset-type", datasetTypes...)
	completeWords(cmd, "verified", "true", "false")
	completeWords(cmd, "customer-id")
	completeWords(cmd, "search")
	completeFile(cmd, "config", "toml")
	return cmd
}

// datasetTypes are the types the API reference names, for completion; the
// server may know others, and the flag takes any.
var datasetTypes = []string{client.TypeInvoice, client.TypePurchaseOrder, client.TypeReceipt}

// export runs `dxdash export args...` with ctx and env in place of the
// process's: ctx ends the export as SIGINT would, env says where stdout
// goes. Tests call it directly, inside a testing/synctest bubble too.
func export(ctx context.Context, args []string, stdout, stderr io.Writer, env exportEnv) int {
	inv := &invocation{stdout: stdout, stderr: stderr, ctx: ctx, env: &env}
	return inv.execute(append([]string{"export"}, args...))
}

// exportEnv is what export would otherwise learn from the process; tests
// set it by hand.
type exportEnv struct {
	// terminal says stdout is a terminal. Server text is then sanitized, so
	// that an escape sequence in a document name cannot retitle the window
	// or write the clipboard; a file or a pipe gets the data unchanged.
	terminal bool
	// httpClient carries the requests when set (tests: an in-memory
	// transport); nil means the client's own.
	httpClient *http.Client
}

// isTerminal reports whether w is a terminal, not a file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// runExport is `dxdash export` once its flags are parsed: ctx ends on
// SIGINT or SIGTERM, env says where stdout goes. The client paces the
// requests within the rate budget; progress goes to stderr. Rows stream:
// each is written as soon as it is in hand, so `| head` shows the first at
// once, and a closed pipe ends the export without another request. A
// failure part-way is said on stderr with a non-zero status; a JSON array
// is then left unclosed, so it does not parse as complete.
func runExport(ctx context.Context, f exportFlags, stdout, stderr io.Writer, env exportEnv) int {
	params := client.ListParams{CustomerID: f.customer, DatasetType: f.datasetType, Search: f.search, Limit: client.MaxListLimit}
	if f.format != "csv" && f.format != "json" {
		fmt.Fprintf(stderr, "dxdash export: --format must be csv or json, not %q\n", f.format)
		return exitUsage
	}
	if f.verified != "" {
		v, err := strconv.ParseBool(f.verified)
		if err != nil {
			fmt.Fprintf(stderr, "dxdash export: --verified must be true or false, not %q\n", f.verified)
			return exitUsage
		}
		params.IsVerified = &v
	}

	cfg, cfgPath, status, ok := loadConfigUnless(ctx, f.configPath, f.demo, stderr)
	if !ok {
		return status
	}
	if f.offline && f.checks {
		fmt.Fprintln(stderr, "dxdash export: --checks does not go with --offline yet")
		return exitUsage
	}
	if f.offline {
		return exportOffline(ctx, cfg, f.demo, params, f.fields, f.format, stdout, stderr, env)
	}
	baseURL, apiKey := cfg.BaseURL, string(cfg.APIKey)
	if f.demo {
		stop, url, err := startDemoServer(log.New(io.Discard, "", 0))
		if err != nil {
			fmt.Fprintln(stderr, "dxdash export: starting the demo API:", err)
			return 1
		}
		defer stop()
		baseURL, apiKey = url, fakeapi.DemoKey
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
		fmt.Fprintln(stderr, "dxdash export:", err)
		return exitUsage
	}

	progress := &exportProgress{w: stderr, budget: api.Budget}
	out := newRowWriter(stdout, f.format, env.terminal)
	walk := streamExport
	if f.checks {
		// The checks compare a document with the others (a vendor's
		// identifiers, what a type always carries): every detail first.
		walk = checkedExport
	}
	sum, err := walk(ctx, api, params, f.fields, out, progress)
	switch {
	case isClosedPipe(err):
		return exitClosedPipe // the reader has gone (| head): nothing to say
	case err != nil && ctx.Err() != nil:
		fmt.Fprintln(stderr, "dxdash export: interrupted")
		return exitInterrupted
	case err != nil:
		// The error may quote the server (a detail, a request id): stderr
		// is usually a terminal, so it is sanitized like the data.
		fmt.Fprintln(stderr, "dxdash export:", termtext.Sanitize(err.Error()))
		return 1
	}
	fmt.Fprintln(stderr, "dxdash export: "+sum.String())
	return 0
}

// exportTable is the output: a row per dataset, or per field of one. A nil
// cell is null in JSON and empty in CSV.
type exportTable struct {
	columns  []string
	rows     [][]any
	datasets int // how many datasets the rows came from
}

var datasetColumns = []string{"id", "document_name", "customer_id", "dataset_type", "status", "is_verified",
	"page_count", "created_at", "updated_at", "overall_accuracy", "field_count", "min_confidence"}

var fieldColumns = []string{"dataset_id", "document_name", "field", "extracted", "ground_truth", "score", "confidence"}

func datasetRow(d client.Dataset) []any {
	row := []any{d.ID, d.DocumentName, d.CustomerID, d.DatasetType, d.Status, d.IsVerified, d.PageCount,
		d.CreatedAt.UTC().Format(time.RFC3339), d.UpdatedAt.UTC().Format(time.RFC3339), nil, nil, nil}
	if acc, ok := d.OverallAccuracy(); ok {
		row[9] = acc
	}
	if d.FieldCount != nil {
		row[10] = *d.FieldCount
	}
	if d.MinConfidence != nil {
		row[11] = *d.MinConfidence
	}
	return row
}

// fieldRows are a dataset's fields as review joins them: the header
// fields, the line-item fields (named line_items[<index>].<name>, as ground
// truth names them), then the ground truth nothing was extracted for; a
// name given twice is the first.
func fieldRows(d client.Dataset) [][]any {
	// The rows carry no verdict or confidence flag, so the thresholds do
	// not matter.
	fields := review.Join(&d, review.DefaultThresholds)
	rows := make([][]any, 0, len(fields))
	for i := range fields {
		f := &fields[i]
		row := []any{d.ID, d.DocumentName, f.Key, nil, nil, nil, nil}
		if f.HasValue() {
			row[3] = f.Value.String()
		}
		if f.InTruth && !f.Truth.IsNull() {
			row[4] = f.Truth.String()
		}
		if f.Scored {
			row[5] = f.Score
		}
		if f.InExtraction {
			row[6] = f.Confidence
		}
		rows = append(rows, row)
	}
	return rows
}

// sanitized is t for a terminal: every string cell (each came from the
// server, or is a time we formatted) passed through termtext.Sanitize, so
// no escape sequence, control character or bidi override is left for the
// terminal to act on.
func (t exportTable) sanitized() exportTable {
	clean := t
	clean.rows = make([][]any, len(t.rows))
	for r, row := range t.rows {
		cells := make([]any, len(row))
		for i, v := range row {
			switch c := v.(type) {
			case string:
				v = termtext.Sanitize(c)
			case interface{ sanitized() any }:
				v = c.sanitized()
			}
			cells[i] = v
		}
		clean.rows[r] = cells
	}
	return clean
}

func (t exportTable) csv() ([]byte, error) { return t.encode("csv") }

// json writes an array of objects, keys in column order.
func (t exportTable) json() ([]byte, error) { return t.encode("json") }

// encode writes the whole table with the streaming writer, so a table
// and a stream are byte for byte the same.
func (t exportTable) encode(format string) ([]byte, error) {
	var b bytes.Buffer
	w := newRowWriter(&b, format, false)
	w.start(t.columns)
	for _, row := range t.rows {
		w.write(row)
	}
	err := w.finish()
	return b.Bytes(), err
}
