//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client/webhook"
	"github.com/dxdash/dxdash/store"
)

// lockedBuffer is a process's stderr, read while it is written.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls until cond holds, failing after d.
func waitFor(t *testing.T, d time.Duration, what string, log fmt.Stringer, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(d); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %s:\n%s", what, d, log)
		}
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

const e2eSecret = "whsec_e2e_0123456789"

// startHookedDemoAPI runs `dxdash demo-api` delivering a lively account's
// events to hookURL, and returns its base URL.
func startHookedDemoAPI(t *testing.T, hookURL string) string {
	t.Helper()
	return startHookedDemoAPIOf(t, hookURL, 100)
}

// startHookedDemoAPIOf is startHookedDemoAPI with an account of n datasets.
func startHookedDemoAPIOf(t *testing.T, hookURL string, n int) string {
	t.Helper()
	cmd := exec.Command(buildBinary(t), "demo-api", "--addr", "127.0.0.1:0", "--datasets", strconv.Itoa(n),
		"--arrivals-per-hour", "0", "--reviews-per-hour", "3600", "--live-from-now", "--webhook-url", hookURL, "--webhook-secret-env", "E2E_HOOK_SECRET")
	cmd.Env = append(os.Environ(), "E2E_HOOK_SECRET="+e2eSecret)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = &lockedBuffer{}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	var printed []string
	for lines.Scan() {
		printed = append(printed, lines.Text())
		if rest, ok := strings.CutPrefix(strings.TrimSpace(lines.Text()), "base URL:"); ok {
			go func() { // keep the pipe drained
				for lines.Scan() {
				}
			}()
			if strings.Contains(strings.Join(printed, "\n"), e2eSecret) {
				t.Error("demo-api printed the webhook secret")
			}
			return strings.TrimSpace(rest)
		}
	}
	t.Fatalf("demo-api printed no base URL:\n%s", strings.Join(printed, "\n"))
	return ""
}

// `dxdash listen` against `demo-api --webhook-url`: events in, the store
// updated, a forged delivery refused, and on SIGTERM a clean exit 0.
func TestListenEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	addr := freePort(t)
	hookURL := "http://" + addr + "/webhooks/dataextractor"
	baseURL := startHookedDemoAPI(t, hookURL)
	dir := t.TempDir()
	storePath := filepath.Join(dir, "store.db")
	conf := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(conf, fmt.Appendf(nil, "base_url = %q\nstore = %q\n", baseURL, storePath), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(buildBinary(t), "listen", "--config", conf, "--addr", addr, "--details", "none", "--resync", "0")
	cmd.Env = append(os.Environ(), "DATAEXTRACTOR_API_KEY=demo-key", "DATAEXTRACTOR_WEBHOOK_SECRET=an-old-secret,"+e2eSecret)
	stderr := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	updated := regexp.MustCompile(`matching\.completed (ds_\w+): updated \(complete, verified\)`)
	waitFor(t, 30*time.Second, "three events processed", stderr, func() bool { return len(updated.FindAllString(stderr.String(), -1)) >= 3 })

	// A forgery is refused, and logged with where it came from.
	body := []byte(`{"event_id":"evt_forged","type":"matching.completed","data":{"dataset_id":"ds_x","status":"complete"}}`)
	req, _ := http.NewRequest(http.MethodPost, hookURL, bytes.NewReader(body))
	req.Header.Set(webhook.SignatureHeader, webhook.Sign(body, []byte("not the secret")))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("forged delivery: %d, want 401", resp.StatusCode)
	}
	waitFor(t, 5*time.Second, "rejection logged", stderr, func() bool {
		return strings.Contains(stderr.String(), "rejected a delivery from 127.0.0.1:")
	})

	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("still running 30 s after SIGTERM\n%s", stderr.String())
	}
	log := stderr.String()
	if !strings.Contains(log, "dxdash listen: stopped;") || strings.Contains(log, e2eSecret) || strings.Contains(log, "demo-key") {
		t.Errorf("listen's log:\n%s", log)
	}

	st, err := store.OpenSQLite(context.Background(), storePath, store.SQLiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, m := range updated.FindAllStringSubmatch(log, -1) {
		row, ok, err := st.Row(context.Background(), m[1])
		if err != nil || !ok || !row.IsVerified || row.Detail != store.DetailCurrent {
			t.Errorf("%s stored as %+v (found %v, %v), want verified with its detail", m[1], row.Dataset, ok, err)
		}
	}
}

// Ctrl+C ends `dxdash listen` at once, with status 130.
func TestListenEndsAtOnceOnCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	cmd := exec.Command(buildBinary(t), "listen", "--demo", "--addr", freePort(t))
	home := t.TempDir()
	cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
		"PATH=" + os.Getenv("PATH")}
	stderr := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	waitFor(t, 20*time.Second, "receiver up", stderr, func() bool { return strings.Contains(stderr.String(), "receiving webhooks on") })
	took, status := interruptAndWait(t, cmd, os.Interrupt)
	if status != exitInterrupted || took > 2*time.Second {
		t.Errorf("Ctrl+C: status %d after %s\n%s", status, took, stderr.String())
	}
}
