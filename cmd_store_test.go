package main

import (
	"bytes"
	"context"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dxdash/dxdash/store"
)

func TestStoreMigrateNeedsASharedStore(t *testing.T) {
	conf := writeExportConfig(t, "https://api.dataextractor.test", "api_key = \"sk_test_Q9x7TzV3kP\"\n")
	var stderr bytes.Buffer
	if status := migrateStore(context.Background(), []string{"--config", conf}, &stderr, os.Getenv); status != exitUsage ||
		!strings.Contains(stderr.String(), "store_dsn_env") {
		t.Errorf("status %d, %q; want %d saying to set store_dsn_env", status, stderr.String(), exitUsage)
	}
	stderr.Reset()
	unset := func(string) string { return "" }
	if status := migrateStore(context.Background(), []string{"--config", conf, "--store-dsn-env", "NO_SUCH_DSN"}, &stderr, unset); status != exitUsage ||
		!strings.Contains(stderr.String(), "NO_SUCH_DSN is not set") {
		t.Errorf("status %d, %q; want %d saying NO_SUCH_DSN is not set", status, stderr.String(), exitUsage)
	}
}

// dxdash store migrate against the test server: it creates the account's
// store, then finds it up to date; it names the server by host and
// database, never with the password.
func TestStoreMigrate(t *testing.T) {
	dsn := testPGDSN(t)
	const base, key = "https://api.dataextractor.test", "sk_test_Q9x7TzV3kP"
	account := store.FileName(base, key)
	dropAccount(t, dsn, account)
	conf := writeExportConfig(t, base, "api_key = \""+key+"\"\nstore_dsn_env = \"DXDASH_TEST_PG_DSN\"\n")
	u, _ := url.Parse(dsn)
	password, _ := u.User.Password()
	for _, want := range []string{"created the store of account " + account + " on " + u.Host + u.Path, "is up to date (schema"} {
		var stderr bytes.Buffer
		if status := migrateStore(context.Background(), []string{"--config", conf}, &stderr, os.Getenv); status != 0 || !strings.Contains(stderr.String(), want) {
			t.Errorf("status %d, %q; want 0 saying %q", status, stderr.String(), want)
		}
		if strings.Contains(stderr.String(), password) {
			t.Errorf("the password is printed: %q", stderr.String())
		}
	}
	// A dashboard's open of the store now succeeds without migrating.
	st, err := store.OpenPostgres(context.Background(), dsn, store.PostgresOptions{Account: account})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}

// A server that takes the connection and never answers: Ctrl+C ends
// dxdash store migrate at once, saying nothing was changed.
func TestStoreMigrateInterruptedWhileConnecting(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	conf := writeExportConfig(t, "https://api.dataextractor.test", "api_key = \"sk_test_Q9x7TzV3kP\"\n")
	getenv := func(string) string { return "postgres://u:pw-s3cret@" + ln.Addr().String() + "/team?sslmode=disable" }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- migrateStore(ctx, []string{"--config", conf, "--store-dsn-env", "TEAM_DSN"}, &stderr, getenv)
	}()
	select {
	case c := <-accepted:
		defer c.Close()
	case <-time.After(10 * time.Second):
		t.Fatal("dxdash store migrate never connected")
	}
	cancel()
	select {
	case status := <-done:
		if status != exitInterrupted || !strings.Contains(stderr.String(), "interrupted") || strings.Contains(stderr.String(), "s3cret") {
			t.Errorf("status %d, %q; want %d saying it was interrupted", status, stderr.String(), exitInterrupted)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still connecting 5 s after the interrupt")
	}
}
