package ui

import (
	"slices"
	"testing"

	"github.com/dxdash/dxdash/client"
)

func TestRowStoreUpsertDeduplicates(t *testing.T) {
	s := list.newRowStore()
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
		if want := data[pos].ID; s.at(pos).ID != want {
			t.Fatalf("row %d is %s, want %s (newest first)", pos, s.at(pos).ID, want)
		}
	}
}

func TestRowStoreUpdateBumpsVersionAndReorders(t *testing.T) {
	s := list.newRowStore()
	data := corpus(5)
	s.upsert(data)
	s.setSort(list.sortAccuracy)
	id := s.at(0).ID
	v := s.at(0).Version

	same := data[slices.IndexFunc(data, func(d client.Dataset) bool { return d.ID == id })]
	s.update(same)
	if pos, _ := s.position(id); s.at(pos).Version != v {
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
	if s.at(pos).Version == v {
		t.Fatal("a changed row kept its version")
	}
	if s.update(client.Dataset{ID: "ds_unknown"}) {
		t.Fatal("update of an unloaded id reported success")
	}
}

func TestRowStoreVersionsSurviveReset(t *testing.T) {
	s := list.newRowStore()
	s.upsert(corpus(3))
	before := s.at(0).Version
	s.reset()
	s.upsert(corpus(3))
	if s.at(0).Version == before {
		t.Fatal("a reloaded row reused a version: its stale rendering could be shown")
	}
}

func TestLayoutFitsEveryWidth(t *testing.T) {
	for width := minWidth; width <= 300; width++ {
		l := list.newListLayout(width)
		if got := l.total(); got != width {
			t.Fatalf("layout at %d is %d wide", width, got)
		}
		if l.widths[list.colDocument] < list.columnSpecs[list.colDocument].width {
			t.Fatalf("document column %d wide at %d", l.widths[list.colDocument], width)
		}
		for _, must := range []list.column{list.colDocument, list.colStatus, list.colAccuracy, list.colMinConf} {
			if !slices.Contains(l.cols, must) {
				t.Fatalf("column %d dropped at %d", must, width)
			}
		}
	}
	if cols := list.newListLayout(120).cols; len(cols) != int(list.columnCount) {
		t.Fatalf("at 120 only %d columns", len(cols))
	}
}
