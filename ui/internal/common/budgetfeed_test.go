package common

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/dxdash/dxdash/client"
)

func budgetAt(remaining int, at time.Time) client.Budget {
	return client.Budget{AsOf: at, Read: client.Bucket{Limit: 60, Remaining: remaining}}
}

func TestBudgetFeedKeepsOnlyTheNewest(t *testing.T) {
	f := NewBudgetFeed()
	base := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	for i := range 1000 { // nobody reads: Observe must not block
		f.Observe(budgetAt(i, base.Add(time.Duration(i)*time.Millisecond)))
	}
	msg := f.Wait(context.Background())()
	got, ok := msg.(BudgetFeedMsg)
	if !ok || got.Budget.Read.Remaining != 999 {
		t.Fatalf("wait delivered %#v, want the newest snapshot", msg)
	}
}

func TestBudgetFeedDropsOlderSnapshots(t *testing.T) {
	f := NewBudgetFeed()
	base := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	f.Observe(budgetAt(10, base.Add(time.Second)))
	f.Observe(budgetAt(20, base)) // finished later, taken earlier
	got := f.Wait(context.Background())().(BudgetFeedMsg)
	if got.Budget.Read.Remaining != 10 {
		t.Fatalf("remaining %d, want 10 from the newer snapshot", got.Budget.Read.Remaining)
	}
}

func TestBudgetFeedConcurrentObservers(t *testing.T) {
	f := NewBudgetFeed()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 200 {
				f.Observe(budgetAt(i*1000+j, time.Time{}))
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for f.Wait(ctx)() != nil {
		}
	}()
	wg.Wait()
	cancel()
	<-done
}

func TestBudgetFeedWaitEndsWithTheProgram(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := NewBudgetFeed()
		ctx, cancel := context.WithCancel(context.Background())
		got := make(chan any, 1)
		go func() { got <- f.Wait(ctx)() }()
		synctest.Wait()
		cancel()
		if msg := <-got; msg != nil {
			t.Fatalf("wait after quit delivered %#v", msg)
		}
	})
}
