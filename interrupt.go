package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/dxdash/dxdash/config"
)

// loadConfigUnless is loadConfig that gives up when ctx ends: reading a
// config can block for good (a FIFO nobody writes, a file on a hung
// network mount), and once dxdash has taken SIGINT to end its work
// cleanly, Ctrl+C must still end it at once in that phase too. The load
// goes on in the background and is dropped: the process is about to exit.
// What the load would print is held back until it has finished, so that
// nothing reaches stderr after the interruption has been reported.
func loadConfigUnless(ctx context.Context, path string, demo bool, stderr io.Writer) (cfg config.Config, usedPath string, status int, ok bool) {
	type loaded struct {
		cfg    config.Config
		path   string
		status int
		ok     bool
		said   []byte
	}
	done := make(chan loaded, 1)
	go func() {
		var said bytes.Buffer
		cfg, path, status, ok := loadConfig(path, demo, &said)
		done <- loaded{cfg, path, status, ok, said.Bytes()}
	}()
	select {
	case l := <-done:
		_, _ = stderr.Write(l.said)
		return l.cfg, l.path, l.status, l.ok
	case <-ctx.Done():
		fmt.Fprintln(stderr, "dxdash: interrupted while reading the config")
		return config.Config{}, "", exitInterrupted, false
	}
}
