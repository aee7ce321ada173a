//go:build unix

package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startDxdash starts the built dxdash with args, in an empty home, with
// env added.
func startDxdash(t *testing.T, env []string, args ...string) (cmd *exec.Cmd, stderr *bytes.Buffer) {
	t.Helper()
	cmd = exec.Command(buildBinary(t), args...)
	stderr = &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, stderr
	home := t.TempDir()
	cmd.Env = append([]string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "PATH=" + os.Getenv("PATH")}, env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, stderr
}

// interruptAndWait sends sig and waits, at most 5 s, for the process to
// exit: it returns how long that took and the exit status.
func interruptAndWait(t *testing.T, cmd *exec.Cmd, sig os.Signal) (time.Duration, int) {
	t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	sent := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		took := time.Since(sent)
		var exitErr *exec.ExitError
		switch {
		case err == nil:
			return took, 0
		case errors.As(err, &exitErr):
			return took, exitErr.ExitCode()
		}
		t.Fatal(err)
	case <-time.After(5 * time.Second):
		t.Fatalf("dxdash still running 5 s after %v", sig)
	}
	return 0, 0
}

// TestInterruptWhileReadingTheConfig: the config is a FIFO that is opened
// for writing and never written, so dxdash export (or sync) blocks reading it, as on
// a hung network mount. SIGINT or SIGTERM ends it within a second, saying
// why, with status 130.
func TestInterruptWhileReadingTheConfig(t *testing.T) {
	for _, tc := range []struct {
		sig    syscall.Signal
		args   []string
		status int // -1: ended by the signal itself
	}{
		{syscall.SIGINT, []string{"export"}, exitInterrupted},
		{syscall.SIGTERM, []string{"export"}, exitInterrupted},
		{syscall.SIGINT, []string{"sync"}, exitInterrupted},
		{syscall.SIGTERM, []string{"sync"}, exitInterrupted},
		// The dashboard takes no signal before its terminal is set up:
		// the default action ends it.
		{syscall.SIGINT, nil, -1},
	} {
		sig := tc.sig
		t.Run(strings.Join(append(tc.args, sig.String()), " "), func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "config.toml")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("no FIFO here: %v", err)
			}
			cmd, stderr := startDxdash(t, []string{"DATAEXTRACTOR_API_KEY=sk_test_Q9x7TzV3kP"}, append(tc.args, "--config", fifo)...)
			// Opening the FIFO for writing returns once dxdash has opened
			// it for reading: it is then reading the config, its signal
			// handler installed long before.
			opened := make(chan *os.File, 1)
			go func() {
				w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					t.Error(err)
				}
				opened <- w
			}()
			select {
			case w := <-opened:
				if w != nil {
					defer w.Close()
				}
			case <-time.After(10 * time.Second):
				t.Fatal("dxdash never opened its config")
			}
			took, status := interruptAndWait(t, cmd, sig)
			t.Logf("%v while reading the config: exited in %s", sig, took)
			if took > time.Second || status != tc.status || (status > 0 && !strings.Contains(stderr.String(), "interrupted")) {
				t.Errorf("exited after %s with status %d, stderr %q; want within 1 s, %d, saying it was interrupted", took, status, stderr, tc.status)
			}
		})
	}
}

// TestInterruptWhileExporting: the server holds the first list request
// without answering; SIGINT ends dxdash export within a second.
func TestInterruptWhileExporting(t *testing.T) {
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		<-r.Context().Done() // until the client goes away
	}))
	defer srv.Close()
	defer srv.CloseClientConnections()
	conf := writeExportConfig(t, srv.URL, "")
	cmd, stderr := startDxdash(t, []string{"DATAEXTRACTOR_API_KEY=sk_test_Q9x7TzV3kP"}, "export", "--config", conf)
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatalf("no request reached the server; stderr %q", stderr)
	}
	took, status := interruptAndWait(t, cmd, syscall.SIGINT)
	t.Logf("SIGINT while exporting: exited in %s", took)
	if took > time.Second || status != exitInterrupted || !strings.Contains(stderr.String(), "dxdash export: interrupted") {
		t.Errorf("exited after %s with status %d, stderr %q; want within 1 s, %d, saying it was interrupted", took, status, stderr, exitInterrupted)
	}
}
