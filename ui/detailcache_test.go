package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
)

func TestDetailCacheKeepsTheMostRecentlyUsed(t *testing.T) {
	c := common.newDetailCache(3)
	for i := range 3 {
		c.Put(fmt.Sprintf("ds_%d", i), client.Dataset{ID: fmt.Sprintf("ds_%d", i)})
	}
	if _, ok := c.Get("ds_0"); !ok { // ds_0 is now the most recent
		t.Fatal("ds_0 missing before the cache was full")
	}
	c.Put("ds_3", client.Dataset{ID: "ds_3"}) // evicts ds_1, the least recent
	for id, want := range map[string]bool{"ds_0": true, "ds_1": false, "ds_2": true, "ds_3": true} {
		if _, ok := c.Get(id); ok != want {
			t.Errorf("%s cached %v, want %v", id, ok, want)
		}
	}
	if c.len() != 3 {
		t.Fatalf("%d entries, want the capacity, 3", c.len())
	}
}

func TestDetailCacheReplacesInPlace(t *testing.T) {
	c := common.newDetailCache(2)
	c.Put("ds_a", client.Dataset{Status: client.StatusProcessing})
	c.Put("ds_b", client.Dataset{})
	c.Put("ds_a", client.Dataset{Status: client.StatusComplete}) // refreshed: now the most recent
	c.Put("ds_c", client.Dataset{})                              // evicts ds_b
	if ds, ok := c.Get("ds_a"); !ok || ds.Status != client.StatusComplete {
		t.Fatalf("ds_a = %+v, %v: want the replaced copy", ds.Status, ok)
	}
	if _, ok := c.Get("ds_b"); ok {
		t.Fatal("ds_b should have been evicted")
	}
}

func TestDetailCacheCapacityAtLeastOne(t *testing.T) {
	c := common.newDetailCache(0)
	c.Put("ds_a", client.Dataset{})
	if _, ok := c.Get("ds_a"); !ok {
		t.Fatal("a zero capacity should still keep the last dataset")
	}
}

func TestOptionsDefaultTheDetailCacheSize(t *testing.T) {
	if got := (common.Options{}).WithDefaults().DetailCacheSize; got != 256 {
		t.Fatalf("default detail cache size %d, want 256", got)
	}
	if got := (common.Options{DetailCacheSize: 16}).WithDefaults().DetailCacheSize; got != 16 {
		t.Fatalf("detail cache size %d, want 16 as given", got)
	}
}

func TestDetailClosedBeforeItLoadedIsStillCached(t *testing.T) {
	run(t, func(t *testing.T) {
		data := corpus(3)
		api := newStub(data)
		release := make(chan struct{})
		api.get = func(ctx context.Context, id string) (client.Dataset, error) {
			select {
			case <-release:
			case <-ctx.Done():
				return client.Dataset{}, ctx.Err()
			}
			return data[0], nil
		}
		h := newHarness(t, api, common.Options{}, 120, 40)
		defer h.close()
		h.press("enter", "esc") // the detail closes while its fetch waits
		close(release)
		h.settle()
		h.press("enter")
		if got := api.getCalls(); len(got) != 1 {
			t.Fatalf("GetDataset calls %q: the answer that came after esc should have been cached", got)
		}
		if view := ansi.Strip(h.view()); !strings.Contains(view, data[0].DocumentName) || strings.Contains(view, "loading") {
			t.Fatalf("the cached dataset is not shown:\n%s", view)
		}
	})
}
