package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestTerminalDemoWebhooks: in --demo the embedded API delivers its living
// account's events to the dashboard's own receiver, so a processing row
// turns complete on screen with no poll for it: the request log (--log
// records every request) holds exactly one GET of the dataset, the one its
// event cost. --demo-from-now starts the account now, so that the datasets
// processing at its start complete within the test.
func TestTerminalDemoWebhooks(t *testing.T) {
	requireTerminal(t)
	dir := t.TempDir()
	bin := buildBinary(t)
	logPath := filepath.Join(dir, "requests.log")

	term := newTmux(t, dir, 200, 50)
	term.start(fmt.Sprintf("%s --demo --demo-from-now --log %s; echo \"dxdash exited with status $?\"; sleep 600", bin, logPath))
	processingRow := regexp.MustCompile(`(ds_[0-9a-z]{8})\s.*processing`)
	screen := term.waitFor(10*time.Second, "a processing row and the receiver listening", func(s string) bool {
		return processingRow.MatchString(s) && strings.Contains(s, "⇣ hooks")
	})
	id := processingRow.FindStringSubmatch(screen)[1]
	rowOf := regexp.MustCompile(regexp.QuoteMeta(id) + `\s.*`)
	done := term.waitFor(3*time.Minute, id+" to complete", func(s string) bool {
		row := rowOf.FindString(s)
		return row != "" && !strings.Contains(row, "processing")
	})
	if row := rowOf.FindString(done); !strings.Contains(row, "complete") && !strings.Contains(row, "failed") {
		t.Errorf("%s is neither complete nor failed: %q", id, row)
	}
	if !regexp.MustCompile(`⇣ ?(hooks )?[1-9]`).MatchString(done) {
		t.Errorf("the status bar counts no event:\n%s", done)
	}
	term.send("q")
	term.waitFor(5*time.Second, "the program to exit", func(s string) bool {
		return strings.Contains(s, "dxdash exited with status 0")
	})

	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	gets := regexp.MustCompile(`GET /api/v1/datasets/`+regexp.QuoteMeta(id)+`\b`).FindAll(log, -1)
	if len(gets) != 1 {
		t.Errorf("%d GETs of %s, want the one its event cost (no poll):\n%s", len(gets), id, log)
	}
	if !regexp.MustCompile(`webhook: extraction\.(completed|failed) ` + regexp.QuoteMeta(id) + `: updated`).Match(log) {
		t.Errorf("no event for %s in the log:\n%s", id, log)
	}
}
