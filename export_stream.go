package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/termtext"
)

// exitClosedPipe is the status when the reader of stdout went away (`|
// head` has its lines): the shell's 128 + SIGPIPE, said without a word.
const exitClosedPipe = 141

// isClosedPipe reports a write to a reader that has gone. (A Go program
// writing to a closed stdout pipe is killed by SIGPIPE before it sees
// EPIPE; a writer that is not fd 1 gets the error.)
func isClosedPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrClosedPipe) || errors.Is(err, os.ErrClosed)
}

// exportSummary is what the last stderr line says.
type exportSummary struct {
	rows, datasets       int
	processing, failed   int // --fields: datasets with no fields to export yet, or ever
	unverifiedSkippedIDs []string
}

func (s exportSummary) String() string {
	line := fmt.Sprintf("%d rows from %d datasets", s.rows, s.datasets)
	if n := s.processing + s.failed; n > 0 {
		var why []string
		if s.processing > 0 {
			why = append(why, fmt.Sprintf("%d still processing", s.processing))
		}
		if s.failed > 0 {
			why = append(why, fmt.Sprintf("%d failed extraction", s.failed))
		}
		line += fmt.Sprintf("; skipped %d with no fields: %s", n, strings.Join(why, ", "))
	}
	return line
}

// streamExport walks the listing a page at a time and writes each row as
// soon as it has it: a page's rows before the next page is asked for; with
// fields, a dataset's rows as soon as its detail arrives. A dataset still
// processing, or whose extraction failed, has no fields: with fields it is
// skipped without a request, and counted. A failed write ends the walk at
// once, so a closed pipe costs no further request.
func streamExport(ctx context.Context, api *client.Client, params client.ListParams, fields bool, out *rowWriter, progress *exportProgress) (exportSummary, error) {
	var sum exportSummary
	columns := datasetColumns
	if fields {
		columns = fieldColumns
	}
	out.start(columns)
	for page, err := range api.DatasetPages(ctx, params) {
		if err != nil {
			return sum, fmt.Errorf("listing datasets: %w", err)
		}
		progress.listed(len(page))
		if !fields {
			for _, d := range page {
				out.write(datasetRow(d))
			}
			sum.rows += len(page)
			sum.datasets += len(page)
			if err := out.flush(); err != nil {
				return sum, err
			}
			continue
		}
		toFetch := 0
		for _, item := range page {
			if item.Status != client.StatusProcessing && item.Status != client.StatusFailed {
				toFetch++
			}
		}
		progress.queue(toFetch)
		for _, item := range page {
			switch item.Status {
			case client.StatusProcessing:
				sum.processing++
				continue
			case client.StatusFailed:
				sum.failed++
				continue
			}
			d, err := api.GetDataset(ctx, item.ID)
			if err != nil {
				return sum, fmt.Errorf("fetching dataset %q: %w", item.ID, err)
			}
			rows := fieldRows(d)
			for _, row := range rows {
				out.write(row)
			}
			sum.rows += len(rows)
			sum.datasets++
			if err := out.flush(); err != nil {
				return sum, err
			}
			progress.fetched()
		}
	}
	return sum, out.finish()
}

// rowWriter writes rows as CSV or as a JSON array of objects (keys in
// column order), through a buffer flushed whenever the caller has a batch
// in hand. Strings are sanitized for a terminal; numbers are written by
// the shortest decimal that reads back exactly. The first write error sticks and is returned by every
// later call.
type rowWriter struct {
	w        *bufio.Writer
	json     bool
	terminal bool
	columns  []string
	keys     [][]byte // the JSON keys, encoded once
	csv      *csv.Writer
	rec      []string
	rows     int
	err      error
}

func newRowWriter(w io.Writer, format string, terminal bool) *rowWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	return &rowWriter{w: bw, json: format == "json", terminal: terminal, csv: csv.NewWriter(bw)}
}

func (w *rowWriter) start(columns []string) {
	w.columns = columns
	if w.json {
		w.keys = make([][]byte, len(columns))
		for i, c := range columns {
			w.keys[i], _ = json.Marshal(c)
		}
		w.w.WriteString("[")
		return
	}
	w.rec = make([]string, len(columns))
	w.setErr(w.csv.Write(columns))
}

func (w *rowWriter) write(row []any) {
	if w.err != nil {
		return
	}
	if w.terminal {
		for i, v := range row {
			switch c := v.(type) {
			case string:
				row[i] = termtext.Sanitize(c)
			case interface{ sanitized() any }:
				row[i] = c.sanitized()
			}
		}
	}
	w.rows++
	if !w.json {
		for i, v := range row {
			w.rec[i] = csvText(v)
		}
		w.setErr(w.csv.Write(w.rec))
		return
	}
	if w.rows > 1 {
		w.w.WriteString(",")
	}
	w.w.WriteString("\n  {")
	for i, v := range row {
		if i > 0 {
			w.w.WriteString(", ")
		}
		w.w.Write(w.keys[i])
		w.w.WriteString(": ")
		val, err := jsonValue(v)
		if err != nil {
			w.setErr(errors.New("encoding " + w.columns[i] + ": " + err.Error()))
			return
		}
		w.w.Write(val)
	}
	w.w.WriteString("}")
}

// flush sends what is buffered on its way.
func (w *rowWriter) flush() error {
	if w.err != nil {
		return w.err
	}
	w.csv.Flush()
	w.setErr(w.csv.Error())
	if w.err == nil {
		w.setErr(w.w.Flush())
	}
	return w.err
}

// finish closes the JSON array and flushes.
func (w *rowWriter) finish() error {
	if w.json && w.err == nil {
		if w.rows > 0 {
			w.w.WriteString("\n")
		}
		w.w.WriteString("]\n")
	}
	return w.flush()
}

func (w *rowWriter) setErr(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		// A server's number, as short as reads back to the very float64
		// (0.29, and 0.9583333333333334 for a mean the server computed).
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case interface{ csv() string }:
		return v.csv()
	}
	return fmt.Sprint(v)
}

// jsonValue is a cell as JSON: encoding/json writes a number as short as
// reads back exactly; NaN and infinities, which JSON cannot carry, are
// null.
func jsonValue(v any) ([]byte, error) {
	if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		return []byte("null"), nil
	}
	return json.Marshal(v)
}

// exportProgress writes a line to stderr now and then, not per request:
// how far the export has got and, with --fields, how long the details
// still to fetch take at the current budget.
type exportProgress struct {
	w        io.Writer
	budget   func() client.Budget
	now      func() time.Time // nil: time.Now
	listedN  int
	lastList int
	queued   int // details to fetch, of the pages listed so far
	done     int
}

func (p *exportProgress) listed(n int) {
	p.listedN += n
	if p.listedN-p.lastList >= client.MaxListLimit {
		p.lastList = p.listedN
		fmt.Fprintf(p.w, "dxdash export: %d datasets listed…\n", p.listedN)
	}
}

func (p *exportProgress) queue(n int) { p.queued += n }

func (p *exportProgress) fetched() {
	p.done++
	if p.done%10 != 0 && p.done != p.queued {
		return
	}
	fmt.Fprintf(p.w, "dxdash export: fields of %d of %d datasets (in the pages listed so far)%s…\n", p.done, p.queued, p.eta(p.queued-p.done))
}

// eta is the time the n requests still to make take at the budget as it
// stands: what the window has left goes now, the rest at the limit's
// pace. The listing may have pages still to come, so it is a floor.
func (p *exportProgress) eta(n int) string {
	if p.budget == nil || n <= 0 {
		return ""
	}
	b := p.budget().Read
	if b.Limit <= 0 {
		return ""
	}
	now := time.Now()
	if p.now != nil {
		now = p.now()
	}
	wait := b.BlockedFor(now)
	if over := n - b.Remaining; over > 0 {
		wait += time.Duration(over) * time.Minute / time.Duration(b.Limit)
	}
	return fmt.Sprintf(" · %d to go, about %s left at %d/min", n, roundETA(wait), b.Limit)
}

// roundETA says a wait as a person would: "under a second", "40s", "3m10s".
func roundETA(d time.Duration) string {
	switch {
	case d < time.Second:
		return "under a second"
	case d < time.Minute:
		return d.Round(time.Second).String()
	}
	return d.Round(10 * time.Second).String()
}
