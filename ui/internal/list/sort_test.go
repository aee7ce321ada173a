package list

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// sortCorpus varies every column, and leaves some figures absent, which
// sort last either way.
func sortCorpus() []client.Dataset {
	data := uitest.Corpus(40)
	for i := range data {
		d := &data[i]
		d.IsVerified = i%3 == 0
		d.PageCount = (i * 7) % 5 // 0: not said
		if i%4 == 0 {
			d.FieldCount = nil
		} else {
			n := (i * 11) % 9
			d.FieldCount = &n
		}
		d.DocumentName = fmt.Sprintf("doc-%02d.pdf", (i*17)%40)
	}
	data[5].Accuracy = nil
	data[7].Status, data[7].MinConfidence = client.StatusProcessing, nil
	data[9].Status = client.StatusFailed
	return data
}

// sortKey is a column's figure for checking an order; text columns give
// their text, the rest a number; ok false for an absent figure.
func sortKey(r *common.Row, c column) (text string, num float64, ok bool) {
	switch c {
	case colID:
		return r.ID, 0, true
	case colDocument:
		return r.Name, 0, true
	case colType:
		return r.DocType, 0, true
	case colCustomer:
		return r.Customer, 0, true
	case colStatus:
		return r.Status, 0, true
	case colVerified:
		return "", b2f(r.Has(common.IsVerified)), true
	case colAccuracy:
		return "", r.Accuracy, validAccuracy(r)
	case colMinConf:
		return "", r.MinConf, validMinConf(r)
	case colChecks:
		return "", float64(r.Checks), r.Has(common.HasChecks)
	case colCreated:
		return "", float64(r.Created), true
	case colFields:
		return "", float64(r.Fields), r.Has(common.HasFieldCount)
	case colPages:
		return "", float64(r.Pages), r.Pages > 0
	}
	panic("no such column")
}

// assertOrder checks the loaded rows are in m's order: each pair in
// order, absent figures after every present one.
func assertOrder(t *testing.T, l *listModel, m sortMode) {
	t.Helper()
	absent := false
	for pos := 0; pos < l.store.len(); pos++ {
		_, _, ok := sortKey(l.store.at(pos), m.col)
		if !ok {
			absent = true
			continue
		}
		if absent {
			t.Fatalf("%v: row %d has a figure after an absent one", m, pos)
		}
		if pos == 0 {
			continue
		}
		at, an, aok := sortKey(l.store.at(pos-1), m.col)
		bt, bn, _ := sortKey(l.store.at(pos), m.col)
		if !aok {
			continue
		}
		c := strings.Compare(at, bt)
		if c == 0 {
			c = cmpFloat(an, bn)
		}
		if m.desc {
			c = -c
		}
		if c > 0 {
			t.Fatalf("%v: rows %d and %d out of order", m, pos-1, pos)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestSortByEveryColumnBothWays(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, l := newListHost(t, uitest.NewAPI(sortCorpus()), common.Options{}, 200, 30)
		defer h.Close()
		for _, c := range defaultOrder {
			for _, dir := range []string{"asc", "desc"} {
				name := columnSpecs[c].name + " " + dir
				h.Send(common.CommandMsg{Command: common.Command{Name: "sort", Arg: name}})
				h.Settle()
				want := sortMode{col: c, desc: dir == "desc"}
				if l.store.sort != want {
					t.Fatalf(":sort %s sorted %v", name, l.store.sort)
				}
				assertOrder(t, l, want)
				header := ansi.Strip(strings.Split(h.View(), "\n")[1])
				title := columnSpecs[c].title
				if c == colVerified {
					title = "" // one cell: the arrow alone
				}
				if !strings.Contains(header, title+want.arrow()) {
					t.Fatalf(":sort %s: header has no %q:\n%s", name, title+want.arrow(), header)
				}
			}
		}
	})
}

func TestSortKeysAndHeaderClick(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, l := newListHost(t, uitest.NewAPI(sortCorpus()), common.Options{}, 200, 30)
		defer h.Close()
		// CREATED is the last column: > wraps to ID, < comes back.
		h.Press(">")
		if want := (sortMode{col: colID}); l.store.sort != want {
			t.Fatalf("> sorted %v, want %v", l.store.sort, want)
		}
		h.Press("<")
		if l.store.sort != sortNewest {
			t.Fatalf("< sorted %v, want newest", l.store.sort)
		}
		h.Press("i")
		if want := (sortMode{col: colCreated}); l.store.sort != want {
			t.Fatalf("i sorted %v, want oldest first", l.store.sort)
		}
		assertOrder(t, l, l.store.sort)
		if !strings.Contains(ansi.Strip(h.View()), "sort: created ▲ · all 40") {
			t.Fatalf("title does not say the sort and what it covers:\n%s", ansi.Strip(h.View()))
		}

		// A click on a title sorts by it; a second reverses.
		header := ansi.Strip(strings.Split(h.View(), "\n")[1])
		x := strings.Index(header, "ACCURACY") // ASCII before it: bytes are cells
		h.Send(tea.MouseClickMsg{X: x + 2, Y: 1, Button: tea.MouseLeft})
		h.Settle()
		if l.store.sort != sortAccuracy {
			t.Fatalf("click on ACCURACY sorted %v", l.store.sort)
		}
		h.Send(tea.MouseClickMsg{X: x + 2, Y: 1, Button: tea.MouseLeft})
		h.Settle()
		if want := (sortMode{col: colAccuracy, desc: true}); l.store.sort != want {
			t.Fatalf("second click sorted %v, want %v", l.store.sort, want)
		}
		assertOrder(t, l, l.store.sort)

		h.Send(common.CommandMsg{Command: common.Command{Name: "sort", Arg: "nonsense"}})
		h.Settle()
		if !strings.Contains(ansi.Strip(h.View()), `no sort "nonsense"`) {
			t.Fatal(":sort nonsense says nothing")
		}
	})
}

func TestSortCoversOnlyTheLoadedRows(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := newListHost(t, uitest.NewAPI(uitest.Corpus(200)), common.Options{}, 120, 30)
		defer h.Close()
		if !strings.Contains(ansi.Strip(h.View()), "sort: newest first · 50 loaded of more") {
			t.Fatalf("title does not say the sort covers the loaded rows only:\n%s", ansi.Strip(h.View()))
		}
	})
}

func TestColumnsHideShowAndMove(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, l := newListHost(t, uitest.NewAPI(sortCorpus()), common.Options{}, 200, 30)
		defer h.Close()
		header := func() string { return ansi.Strip(strings.Split(h.View(), "\n")[1]) }
		if strings.Contains(header(), "hidden") || !strings.Contains(header(), "CREATED▼") ||
			!strings.Contains(header(), "FIELDS") || !strings.Contains(header(), "PAGES") {
			t.Fatalf("at 200 columns every column, wide ones too:\n%s", header())
		}
		h.Press("-") // hides CREATED, the sorted column
		if strings.Contains(header(), "CREATED") || !strings.Contains(header(), "+1 hidden") {
			t.Fatalf("- did not hide CREATED:\n%s", header())
		}
		if strings.Contains(ansi.Strip(h.View()), "2026-04-12") {
			t.Fatal("rows still show the hidden column")
		}
		h.Press("s", "{") // accuracy, moved left of STATUS's neighbour ✓
		if i, j := strings.Index(header(), "ACCURACY"), strings.Index(header(), "✓"); i < 0 || i > j {
			t.Fatalf("{ did not move ACCURACY left of ✓:\n%s", header())
		}
		h.Press("}")
		if i, j := strings.Index(header(), "ACCURACY"), strings.Index(header(), "✓"); i < j {
			t.Fatalf("} did not move ACCURACY back:\n%s", header())
		}
		h.Press("+")
		if strings.Contains(header(), "hidden") || !strings.Contains(header(), "CREATED") {
			t.Fatalf("+ did not show the hidden column:\n%s", header())
		}
		_ = l
	})
}

func TestNarrowHeaderCountsHiddenColumns(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := newListHost(t, uitest.NewAPI(sortCorpus()), common.Options{}, 80, 24)
		defer h.Close()
		header := ansi.Strip(strings.Split(h.View(), "\n")[1])
		// At 80: FIELDS, PAGES, CREATED, TYPE and CUSTOMER give way.
		if !strings.Contains(header, "+5 cols") || strings.Contains(header, "CUSTOMER") {
			t.Fatalf("80 columns: header does not count the hidden:\n%s", header)
		}
		for _, must := range []string{"ID", "DOCUMENT", "STATUS", "ACCURACY", "MIN CONF", "CHECKS"} {
			if !strings.Contains(header, must) {
				t.Fatalf("80 columns lost %s:\n%s", must, header)
			}
		}
	})
}

func TestSortNames(t *testing.T) {
	for arg, want := range map[string]sortMode{
		"newest": sortNewest, "oldest": {col: colCreated}, "confidence": sortConfidence,
		"accuracy": sortAccuracy, "accuracy desc": {col: colAccuracy, desc: true},
		"CHECKS": sortChecks, "checks asc": {col: colChecks}, "minconf desc": {col: colMinConf, desc: true},
		"created asc": {col: colCreated}, "verified": {col: colVerified, desc: true},
	} {
		if got, ok := sortByName(arg); !ok || got != want {
			t.Errorf("sortByName(%q) = %v, %v; want %v", arg, got, ok, want)
		}
	}
	for _, bad := range []string{"", "nonsense", "accuracy sideways", "accuracy desc now"} {
		if _, ok := sortByName(bad); ok {
			t.Errorf("sortByName(%q) accepted", bad)
		}
	}
}

func TestRestoreOrderKeepsEveryColumnOnce(t *testing.T) {
	got := restoreOrder([]string{"accuracy", "id", "nonsense", "id", "document"})
	if len(got) != int(columnCount) || got[0] != colAccuracy || got[1] != colID || got[2] != colDocument {
		t.Fatalf("restored order %v", got)
	}
	if restoreOrder(nil) != nil {
		t.Fatal("no stored order: want the default (nil)")
	}
}
