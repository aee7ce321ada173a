package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestTerminalOfflineSecondSession: a first session against an API loads
// its rows and opens two datasets, and quits; the API then stops, and a
// second session with --offline shows the same rows and opens the same two
// datasets, from the store the first one left.
func TestTerminalOfflineSecondSession(t *testing.T) {
	requireTerminal(t)
	dir := t.TempDir()
	bin := buildBinary(t)

	// The API at a port fixed for both sessions: the store is the
	// account's, named by its base URL and key.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const key = "k-e2e-offline"
	api := exec.Command(bin, "demo-api", "--addr", addr, "--datasets", "120", "--key", key,
		"--arrivals-per-hour", "0", "--reviews-per-hour", "0")
	out, err := api.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := api.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = api.Process.Kill(); _ = api.Wait() }()
	for lines := bufio.NewScanner(out); lines.Scan(); {
		if strings.Contains(lines.Text(), "base URL:") {
			break
		}
	}
	go func() { _, _ = bufio.NewReader(out).WriteTo(discard{}) }()

	cfgDir := filepath.Join(dir, "config", "dxdash")
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := fmt.Sprintf("base_url = \"http://%s\"\napi_key = %q\n", addr, key)
	if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	// First session: rows, a finished sync, two datasets opened.
	term := newTmux(t, dir, 120, 30)
	term.start(fmt.Sprintf("%s; echo \"dxdash exited with status $?\"; sleep 600", bin))
	first := term.waitFor(10*time.Second, "rows and a finished sync", func(s string) bool {
		return rowsOn(s) != "" && strings.Contains(s, "synced just now")
	})
	rows := rowsOn(first)
	opened := openTwo(t, term)
	term.send("q")
	term.waitFor(5*time.Second, "the first session to end", func(s string) bool {
		return strings.Contains(s, "dxdash exited with status 0")
	})

	// The API goes away.
	_ = api.Process.Kill()
	_ = api.Wait()

	second := newTmux(t, dir, 120, 30)
	second.start(fmt.Sprintf("%s --offline; echo \"dxdash exited with status $?\"; sleep 600", bin))
	screen := second.waitFor(5*time.Second, "the stored rows, offline", func(s string) bool {
		return rowsOn(s) != "" && strings.Contains(s, "offline · synced")
	})
	if got := rowsOn(screen); got != rows {
		t.Errorf("offline, the rows differ from the first session's:\nfirst:\n%s\nnow:\n%s", rows, got)
	}
	if again := openTwo(t, second); again != opened {
		t.Errorf("offline opened %v, the first session %v", again, opened)
	}
	second.send("q")
	second.waitFor(5*time.Second, "the offline session to end", func(s string) bool {
		return strings.Contains(s, "dxdash exited with status 0")
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

var idOnRow = regexp.MustCompile(`(?m)^\S*\s*(ds_[0-9a-z]{8})\s`)

// rowsOn is the ids of the rows on screen, one a line.
func rowsOn(screen string) string {
	var ids []string
	for _, m := range idOnRow.FindAllStringSubmatch(screen, -1) {
		ids = append(ids, m[1])
	}
	return strings.Join(ids, "\n")
}

// openTwo opens the first row and the third, each until its field table
// shows, and says which they were and the first field value seen.
func openTwo(t *testing.T, term *tmux) [2]string {
	t.Helper()
	var got [2]string
	for i, moves := range []int{0, 2} {
		ids := strings.Split(rowsOn(term.screen()), "\n")
		if len(ids) <= moves {
			t.Fatalf("too few rows: %v", ids)
		}
		id := ids[moves]
		for range moves {
			term.send("j")
		}
		term.waitFor(2*time.Second, "the cursor on "+id, func(s string) bool { return selectedID(s) == id })
		term.send("Enter")
		detail := term.waitFor(5*time.Second, "the detail of "+id, func(s string) bool {
			return strings.Contains(s, id) && strings.Contains(s, "CONFIDENCE")
		})
		got[i] = id + " " + strings.TrimSpace(strings.SplitN(detail, "\n", 2)[0])
		term.send("Escape")
		term.waitFor(2*time.Second, "the list again", func(s string) bool { return strings.Contains(s, "DOCUMENT") })
	}
	return got
}
