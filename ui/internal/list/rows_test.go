package list

import (
	"slices"
	"testing"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func TestRowStoreUpsertDeduplicates(t *testing.T) {
	s := newRowStore()
	data := uitest.Corpus(10)
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
	s := newRowStore()
	data := uitest.Corpus(5)
	s.upsert(data)
	s.setSort(sortAccuracy)
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
	s := newRowStore()
	s.upsert(uitest.Corpus(3))
	before := s.at(0).Version
	s.reset()
	s.upsert(uitest.Corpus(3))
	if s.at(0).Version == before {
		t.Fatal("a reloaded row reused a version: its stale rendering could be shown")
	}
}

// rootMinWidth is the root's minWidth: on a narrower terminal it shows
// "too small" instead of the views.
const rootMinWidth = 60

func TestLayoutFitsEveryWidth(t *testing.T) {
	for width := rootMinWidth; width <= 300; width++ {
		l := newListLayout(width, nil, 0)
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
	if cols := newListLayout(200, nil, 0).cols; len(cols) != int(columnCount) {
		t.Fatalf("at 200 only %d columns", len(cols))
	}
}
