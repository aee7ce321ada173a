package client_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/fakeapi"
	"github.com/dxdash/dxdash/fakeapi/contract"
)

// TestSearchEverySecondForTenMinutesEarnsNo429 is ten minutes of someone
// searching once a second, on a fake clock, at the default limits of both
// the client and fakeapi (60 a minute). Like the search box, each search
// cancels the one before if it is still waiting. The client paces itself:
// not one 429, and every search goes out, since one a second is exactly
// the limit. Then the same at four a second, far over the limit: still no
// 429, the superseded searches never leave, and the budget is used to the
// full.
func TestSearchEverySecondForTenMinutesEarnsNo429(t *testing.T) {
	for _, tc := range []struct {
		every   time.Duration
		minSent int
	}{
		{time.Second, 600},
		{250 * time.Millisecond, 580},
	} {
		t.Run(tc.every.String(), func(t *testing.T) { searchSession(t, tc.every, tc.minSent) })
	}
}

func searchSession(t *testing.T, every time.Duration, minSent int) {
	synctest.Test(t, func(t *testing.T) {
		checker, err := contract.Default()
		if err != nil {
			t.Fatal(err)
		}
		srv := fakeapi.New(fakeapi.DefaultConfig())
		checked := contract.Handler(checker, srv, func(err error) {
			t.Errorf("a response strays from the contract: %v", err)
		})
		c, err := client.New("https://api.dataextractor.test", fakeapi.DemoKey,
			client.WithHTTPClient(&http.Client{Transport: fakeapi.InMemory{Handler: checked}}))
		if err != nil {
			t.Fatal(err)
		}
		terms := []string{"acme", "northwind", "steel", "invoice", "2026", "contoso", "brackets", "fabrikam", "net 30", "usd"}
		const session = 10 * time.Minute

		var (
			mu                           sync.Mutex
			answered, superseded, failed int
			wg                           sync.WaitGroup
			cancelPrevious               = func() {}
		)
		searches := int(session / every)
		for i := range searches {
			cancelPrevious()
			ctx, cancel := context.WithCancel(context.Background())
			cancelPrevious = cancel
			wg.Go(func() {
				_, err := c.ListDatasets(ctx, client.ListParams{Search: terms[i%len(terms)], Limit: 20})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					answered++
				case errors.Is(err, context.Canceled):
					superseded++
				default:
					failed++
					t.Errorf("search %d: %v", i, err)
				}
			})
			time.Sleep(every)
		}
		cancelPrevious()
		wg.Wait()

		counts := srv.Requests()
		t.Logf("%d searches in %s: %d went out and were answered, %d superseded while waiting for the budget; server: %d list requests, %d rate limited; budget at the end %+v",
			searches, session, answered, superseded, counts.List, counts.RateLimited, c.Budget().Read)
		switch {
		case counts.RateLimited != 0:
			t.Errorf("%d searches were answered 429", counts.RateLimited)
		case answered+superseded+failed != searches:
			t.Errorf("%d searches, %d outcomes", searches, answered+superseded+failed)
		case counts.List != answered:
			t.Errorf("the server saw %d searches, the client had %d answered", counts.List, answered)
		case answered < minSent:
			t.Errorf("only %d of %d searches went out, want at least %d: the client wastes its budget", answered, searches, minSent)
		}
	})
}
