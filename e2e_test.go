package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dxdash/dxdash/fakeapi/contract"
)

// TestTerminalDemo drives the built program in a real terminal: tmux runs
// `dxdash --demo`, the test reads the screen the way a person would, pages
// down until more rows load, quits with q and checks the terminal came back.
func TestTerminalDemo(t *testing.T) {
	requireTerminal(t)
	dir := t.TempDir()
	bin := buildBinary(t)

	// The store off: this is the list paging from the server (the store's
	// sessions have a test of their own, e2e_store_test.go), and a sync
	// that has stored every row before the first screen is read leaves
	// nothing to page to.
	if err := os.MkdirAll(filepath.Join(dir, "config", "dxdash"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config", "dxdash", "config.toml"), []byte("store = \"off\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	term := newTmux(t, dir, 120, 30)
	script := fmt.Sprintf("%s --demo; echo \"dxdash exited with status $?\"; sleep 600", bin)
	term.start(script)

	// Rows within 3 s of the start.
	rowPattern := regexp.MustCompile(`(?m)^\S*\s*ds_[0-9a-z]{8}\s`)
	screen := term.waitFor(3*time.Second, "a dataset row", func(s string) bool { return rowPattern.MatchString(s) })
	if term.altScreen() != "1" {
		t.Errorf("the dashboard is not on the alternate screen:\n%s", screen)
	}
	first := loadedCount(screen)
	if first <= 0 {
		t.Fatalf("no loaded count on the first screen:\n%s", screen)
	}

	// Open a verified dataset: its fields stand against the ground truth.
	id, moves := firstVerifiedRow(screen)
	if id == "" {
		t.Fatalf("no verified row on the first screen:\n%s", screen)
	}
	for range moves {
		term.send("j")
	}
	term.waitFor(2*time.Second, "the cursor on "+id, func(s string) bool { return strings.Contains(s, "▌"+id) })
	term.send("Enter")
	confidence := regexp.MustCompile(`\d\.\d\d [▮▯]+`)
	detail := term.waitFor(5*time.Second, "the detail of "+id, func(s string) bool {
		return strings.Contains(s, "GROUND TRUTH") && strings.Contains(s, "CONFIDENCE") && confidence.MatchString(s)
	})
	if !strings.Contains(detail, id) || !strings.Contains(detail, "overall accuracy") {
		t.Errorf("the detail does not name %s or its accuracy:\n%s", id, detail)
	}
	term.send("Escape")
	term.waitFor(2*time.Second, "the list again, on "+id, func(s string) bool {
		return strings.Contains(s, "DOCUMENT") && strings.Contains(s, "▌"+id)
	})

	// Page down past the first page: the next one must load.
	more := term.waitForKeys(15*time.Second, "more rows to load", "NPage", func(s string) bool {
		return loadedCount(s) > first
	})
	if !rowPattern.MatchString(more) {
		t.Errorf("no dataset rows after paging down:\n%s", more)
	}

	term.send("q")
	final := term.waitFor(5*time.Second, "the program to exit", func(s string) bool {
		return strings.Contains(s, "dxdash exited with status")
	})
	if !strings.Contains(final, "dxdash exited with status 0") {
		t.Errorf("dxdash did not exit cleanly:\n%s", final)
	}
	if alt := term.altScreen(); alt != "0" {
		t.Errorf("alternate screen still on after quitting (alternate_on=%s)", alt)
	}
	if strings.Contains(final, "ds_") {
		t.Errorf("the dashboard's rows are still on the screen after quitting:\n%s", final)
	}
}

// requireTerminal skips a terminal test where tmux is missing, except in CI,
// whose .ci/run installs it.
func requireTerminal(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("terminal test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed: .ci/run must install it")
		}
		t.Skip("tmux is not installed")
	}
}

var verifiedRow = regexp.MustCompile(`(ds_[0-9a-z]{8}) .*✓ +\d+\.\d%`)

// firstVerifiedRow finds the first row with an accuracy on screen: its id and
// how many rows below the first it is.
func firstVerifiedRow(screen string) (id string, below int) {
	rows := 0
	for _, line := range strings.Split(screen, "\n") {
		if !strings.Contains(line, "ds_") {
			continue
		}
		if m := verifiedRow.FindStringSubmatch(line); m != nil {
			return m[1], rows
		}
		rows++
	}
	return "", 0
}

var loadedPattern = regexp.MustCompile(`(?:(\d+) loaded|all (\d+))`)

// loadedCount reads "N loaded" or "all N" off the screen; -1 when absent.
func loadedCount(screen string) int {
	m := loadedPattern.FindStringSubmatch(screen)
	if m == nil {
		return -1
	}
	s := m[1]
	if s == "" {
		s = m[2]
	}
	n, _ := strconv.Atoi(s)
	return n
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	buildDir  string
)

// buildBinary builds dxdash once for all the tests that run it.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		goCmd, err := exec.LookPath("go")
		if err != nil {
			goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		buildDir, buildErr = os.MkdirTemp("", "dxdash-e2e-")
		if buildErr != nil {
			return
		}
		builtBin = filepath.Join(buildDir, "dxdash")
		out, err := exec.Command(goCmd, "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

var tmuxServers atomic.Int64

// tmux is one private tmux server with a single window.
type tmux struct {
	t      *testing.T
	socket string
	home   string
	width  int
	height int
}

func newTmux(t *testing.T, home string, width, height int) *tmux {
	// A socket of its own: a server killed by the previous test may still be
	// shutting down on the last one.
	socket := fmt.Sprintf("dxdash-e2e-%d-%d", os.Getpid(), tmuxServers.Add(1))
	tm := &tmux{t: t, socket: socket, home: home, width: width, height: height}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start runs script under sh in a fresh window, with a clean home so that no
// config file or API key of the machine's user is read.
func (tm *tmux) start(script string) {
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e",
		"-x", strconv.Itoa(tm.width), "-y", strconv.Itoa(tm.height),
		"-e", "HOME="+tm.home, "-e", "XDG_CONFIG_HOME="+filepath.Join(tm.home, "config"),
		"-e", "DATAEXTRACTOR_API_KEY=", "-e", "NO_COLOR=",
		"sh", "-c", script)
}

func (tm *tmux) send(keys ...string) { tm.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...) }

func (tm *tmux) screen() string { return tm.run("capture-pane", "-p", "-t", "e2e") }

func (tm *tmux) altScreen() string {
	return strings.TrimSpace(tm.run("display-message", "-p", "-t", "e2e", "#{alternate_on}"))
}

// waitFor polls the screen until ok holds or the deadline passes.
func (tm *tmux) waitFor(within time.Duration, what string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(within)
	for {
		s := tm.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %s; the screen:\n%s", within, what, s)
		}
		time.Sleep(50 * time.Millisecond) // a poll interval, not a wait for work
	}
}

// waitForKeys presses key every poll until ok holds or the deadline passes.
func (tm *tmux) waitForKeys(within time.Duration, what, key string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(within)
	for {
		s := tm.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %s pressing %s; the screen:\n%s", within, what, key, s)
		}
		tm.send(key)
		time.Sleep(200 * time.Millisecond)
	}
}

// TestDemoAPIServesAndStops runs `dxdash demo-api` as a user would: it prints
// the URL and key, answers a list request with that key, refuses another key,
// and shuts down cleanly on SIGINT.
func TestDemoAPIServesAndStops(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	cmd := exec.Command(bin, "demo-api", "--addr", "127.0.0.1:0", "--datasets", "30", "--key", "k-e2e")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()

	lines := bufio.NewScanner(stdout)
	var baseURL string
	var printed []string
	for baseURL == "" && lines.Scan() {
		printed = append(printed, lines.Text())
		if rest, ok := strings.CutPrefix(strings.TrimSpace(lines.Text()), "base URL:"); ok {
			baseURL = strings.TrimSpace(rest)
		}
	}
	if baseURL == "" {
		t.Fatalf("no base URL printed:\n%s\nstderr: %s", strings.Join(printed, "\n"), stderr.String())
	}

	checker, err := contract.Default()
	if err != nil {
		t.Fatal(err)
	}
	// Every answer must keep to openapi.yaml, the 401 included.
	hc := &http.Client{Transport: contract.Transport(checker, http.DefaultTransport, func(err error) {
		t.Errorf("a response strays from the contract: %v", err)
	})}
	get := func(key string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, baseURL+"/api/v1/datasets?limit=2", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get("k-e2e"); code != http.StatusOK || !strings.Contains(body, `"next_cursor"`) {
		t.Errorf("list with the printed key: %d %s", code, body)
	}
	if code, _ := get("wrong"); code != http.StatusUnauthorized {
		t.Errorf("list with a wrong key: %d, want 401", code)
	}

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stdout)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("demo-api after SIGINT: %v\nstderr: %s", err, stderr.String())
	}
	if !strings.Contains(string(rest), "stopped") {
		t.Errorf("no 'stopped' after SIGINT; output: %q", rest)
	}
}
