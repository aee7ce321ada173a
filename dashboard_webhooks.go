package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"time"

	"github.com/dxdash/dxdash/config"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/receiver"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/ui"
)

// The webhook receiver beside the dashboard: with [webhooks] listen set,
// and always in --demo, the dashboard process takes the API's deliveries
// itself, writing into the same store, and its screens follow them.

// dashboardHooks is where the dashboard's receiver listens and what it
// verifies with. The listener is open before the demo API starts, so the
// API has the address to deliver to.
type dashboardHooks struct {
	ln      net.Listener
	path    string
	secrets [][]byte
}

// url is where the API delivers.
func (h *dashboardHooks) url() string { return "http://" + h.ln.Addr().String() + h.path }

// openDashboardHooks opens the receiver's listener: in --demo on a free
// loopback port with a secret made for this run (never printed), otherwise
// on [webhooks] listen with its secrets. nil, nil when webhooks are off.
func openDashboardHooks(cfg config.Config, demo bool) (*dashboardHooks, error) {
	h := &dashboardHooks{path: cfg.Webhooks.Path}
	if h.path == "" {
		h.path = receiver.DefaultPath
	}
	addr := cfg.Webhooks.ListenAddr()
	switch {
	case demo:
		// The demo's API and receiver share a secret made for this run,
		// on loopback: nothing outside the process can reach either.
		addr = "127.0.0.1:0"
		h.secrets = [][]byte{randomSecret()}
	case addr == "":
		return nil, nil
	default:
		if err := config.CheckListen(addr); err != nil {
			return nil, fmt.Errorf("[webhooks] listen: %w", err)
		}
		for _, s := range cfg.Webhooks.Secrets {
			h.secrets = append(h.secrets, []byte(s))
		}
		if len(h.secrets) == 0 {
			return nil, fmt.Errorf("[webhooks] listen is set but $%s holds no secret: put the secret the API signs with there (several, comma-separated, during a rotation)", cfg.Webhooks.SecretEnv)
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("receiving webhooks: %w", err)
	}
	h.ln = ln
	return h, nil
}

// demoWebhooks is what the embedded demo API delivers with.
func (h *dashboardHooks) demoWebhooks(logger *log.Logger) *fakeapi.Webhooks {
	if h == nil {
		return nil
	}
	return &fakeapi.Webhooks{URL: h.url(), Secret: h.secrets[0], Logf: logger.Printf}
}

// startReceiver runs the receiver in its own goroutines over the
// dashboard's store, fetching through live (which tells the screens); the
// returned stop ends it at once.
func (h *dashboardHooks) startReceiver(st store.Store, live *ui.Live, logger *log.Logger) (stop func(), err error) {
	rcv, err := receiver.New(receiver.Options{Path: h.path, Secrets: h.secrets, Store: st, Syncer: live,
		Log: func(line string) {
			logger.Print(line)
			live.Changed()
		},
		OnEvent: func(o receiver.Outcome) {
			logger.Print("webhook: " + eventLine(o))
			live.Changed()
		}})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	rcv.Start(ctx)
	since := time.Now()
	live.SetStatus(func() ui.WebhookStatus {
		s := rcv.Snapshot()
		return ui.WebhookStatus{Listening: s.Listening, Since: since, Received: s.Received,
			LastEvent: s.LastEvent, Rejected: s.RejectedTotal()}
	})
	served := make(chan struct{})
	go func() {
		defer close(served)
		if err := rcv.Serve(h.ln); err != nil {
			logger.Printf("webhook: the receiver stopped: %v", err)
		}
		live.Changed()
	}()
	logger.Printf("webhook: receiving on %s", h.url())
	return func() {
		rcv.Close()
		cancel()
		<-served
	}, nil
}

// close closes the listener of a receiver never started.
func (h *dashboardHooks) close() {
	if h != nil {
		_ = h.ln.Close()
	}
}
