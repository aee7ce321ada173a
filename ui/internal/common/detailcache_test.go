package common

import (
	"fmt"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
)

func TestDetailCacheKeepsTheMostRecentlyUsed(t *testing.T) {
	c := newDetailCache(3)
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
	c := newDetailCache(2)
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
	c := newDetailCache(0)
	c.Put("ds_a", client.Dataset{})
	if _, ok := c.Get("ds_a"); !ok {
		t.Fatal("a zero capacity should still keep the last dataset")
	}
}

func TestOptionsDefaultTheDetailCacheSize(t *testing.T) {
	if got := (Options{}).WithDefaults().DetailCacheSize; got != 256 {
		t.Fatalf("default detail cache size %d, want 256", got)
	}
	if got := (Options{DetailCacheSize: 16}).WithDefaults().DetailCacheSize; got != 16 {
		t.Fatalf("detail cache size %d, want 16 as given", got)
	}
}

// A changed row overtakes the cached detail (reviewed since: same status,
// now verified; or newer), which is then forgotten; the same row keeps it.
func TestDetailCacheForgetsOutdated(t *testing.T) {
	at := time.Date(2026, 4, 12, 9, 0, 0, 0, time.UTC)
	c := newDetailCache(4)
	for _, id := range []string{"ds_same", "ds_reviewed", "ds_newer"} {
		c.Put(id, client.Dataset{ID: id, Status: client.StatusComplete, UpdatedAt: at})
	}
	c.ForgetOutdated(client.Dataset{ID: "ds_same", Status: client.StatusComplete, UpdatedAt: at})
	c.ForgetOutdated(client.Dataset{ID: "ds_reviewed", Status: client.StatusComplete, IsVerified: true, UpdatedAt: at})
	c.ForgetOutdated(client.Dataset{ID: "ds_newer", Status: client.StatusComplete, UpdatedAt: at.Add(time.Second)})
	c.ForgetOutdated(client.Dataset{ID: "ds_absent"})
	for id, want := range map[string]bool{"ds_same": true, "ds_reviewed": false, "ds_newer": false} {
		if _, ok := c.Get(id); ok != want {
			t.Errorf("%s cached %v, want %v", id, ok, want)
		}
	}
	if c.len() != 1 {
		t.Errorf("%d entries, want 1", c.len())
	}
}

// A full cache still rebuilds the checks' profile: what it holds goes on
// changing though its size does not.
func TestFullCacheRebuildsTheChecksProfile(t *testing.T) {
	c := newDetailCache(20)
	put := func(n int) {
		c.Put(fmt.Sprintf("ds_%03d", n), client.Dataset{ID: fmt.Sprintf("ds_%03d", n), Status: client.StatusComplete, IsVerified: true,
			DatasetType: "invoice", GroundTruth: []client.GroundTruth{{Name: fmt.Sprintf("field_%d", n/10), Value: client.StringValue("x")}}})
	}
	for n := range 20 {
		put(n)
	}
	gen := c.book.gen
	for n := 20; n < 60; n++ {
		put(n)
	}
	if rebuilt := c.book.gen - gen; rebuilt != 4 {
		t.Errorf("40 details through a full cache of 20 rebuilt the profile %d times, want 4 (one per 10)", rebuilt)
	}
	// The profile is of what the cache holds now: ds_040…ds_059.
	if got := c.book.profile.Types["invoice"].Verified; got != 20 {
		t.Errorf("the profile counts %d verified datasets, want the cache's 20", got)
	}
	if _, ok := c.book.profile.Types["invoice"].Carry["field_5"]; !ok {
		t.Error("the profile lacks what the newest details carry")
	}
}
