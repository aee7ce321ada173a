package ui

import (
	"slices"
	"testing"

	"github.com/dxdash/dxdash/client"
)

func TestRowStoreUpsertDeduplicates(t *testing.T) {
	s := newRowStore()
	data := corpus(10)
	if n := s.upsert(data[:6]); n != 6 {
		t.Fatalf("added %d, want 6", n)
	}
	if n := s.upsert(data[4:]); n != 4 {
		t.Fatalf("added %d, want 4 new of 6", n)
	}
	if s.len() != 10 {
		t.Fatalf("%d rows, want 10", s.len())
	}
	for pos := range s.len() {
		if want := data[pos].ID; s.at(pos).id != want {
			t.Fatalf("row %d is %s, want %s (newest first)", pos, s.at(pos).id, want)
		}
	}
}

func TestRowStoreUpdateBumpsVersionAndReorders(t *testing.T) {
	s := newRowStore()
	data := corpus(5)
	s.upsert(data)
	s.setSort(sortAccuracy)
	id := s.at(0).id
	v := s.at(0).version

	same := data[slices.IndexFunc(data, func(d client.Dataset) bool { return d.ID == id })]
	s.update(same)
	if pos, _ := s.position(id); s.at(pos).version != v {
		t.Fatal("an unchanged row got a new version")
	}
	better := same
	acc := 0.999
	better.Accuracy = &client.Accuracy{OverallAccuracy: &acc}
	s.update(better)
	pos, _ := s.position(id)
	if pos != s.len()-1 {
		t.Fatalf("row with the best accuracy at %d, want last", pos)
	}
	if s.at(pos).version == v {
		t.Fatal("a changed row kept its version")
	}
	if s.update(client.Dataset{ID: "ds_unknown"}) {
		t.Fatal("update of an unloaded id reported success")
	}
}

func TestRowStoreVersionsSurviveReset(t *testing.T) {
	s := newRowStore()
	s.upsert(corpus(3))
	before := s.at(0).version
	s.reset()
	s.upsert(corpus(3))
	if s.at(0).version == before {
		t.Fatal("a reloaded row reused a version: its stale rendering could be shown")
	}
}

func TestLayoutFitsEveryWidth(t *testing.T) {
	for width := minWidth; width <= 300; width++ {
		l := newListLayout(width)
		if got := l.total(); got != width {
			t.Fatalf("layout at %d is %d wide", width, got)
		}
		if l.widths[colDocument] < columnSpecs[colDocument].width {
			t.Fatalf("document column %d wide at %d", l.widths[colDocument], width)
		}
		for _, must := range []column{colDocument, colStatus, colAccuracy, colMinConf} {
			if !slices.Contains(l.cols, must) {
				t.Fatalf("column %d dropped at %d", must, width)
			}
		}
	}
	if cols := newListLayout(120).cols; len(cols) != int(columnCount) {
		t.Fatalf("at 120 only %d columns", len(cols))
	}
}
