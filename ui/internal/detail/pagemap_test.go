package detail

import (
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// mapFor draws the page map of rv with the field named name selected.
func mapFor(t *testing.T, rv *prepared, name string, width, height int) []string {
	t.Helper()
	in := pageMapInput{r: rv, label: "nothing"}
	for i := range rv.fields {
		if rv.fields[i].name == name {
			in.selected, in.label = []*reviewField{&rv.fields[i]}, name
		}
	}
	lines := renderPageMap(styles.New(styles.ThemeMono, true, colorprofile.TrueColor), in, width, height)
	if len(lines) != height {
		t.Fatalf("%d lines, want %d", len(lines), height)
	}
	for i, l := range lines {
		lines[i] = ansi.Strip(l)
		if w := ansi.StringWidth(l); w > width {
			t.Fatalf("line %d is %d cells wide, over %d: %q", i, w, width, lines[i])
		}
	}
	return lines
}

func TestPageMapSaysWhereTheSelectionIs(t *testing.T) {
	rv := buildReview(uitest.ReviewedInvoice(), common.DefaultThresholds, "", nil)
	lines := mapFor(t, rv, "total_amount", 100, 12)
	text := strings.Join(lines, "\n")
	for _, want := range []string{
		"selected: total_amount @ p2 (0.70,0.81 0.14×0.03)",
		"┌p1", "┌p2", "░ field  █ selected · 2 pages",
		"⚠ 2 boxes not drawn: off the page", // footer_note on page 99, stamp past the edge
	} {
		if !strings.Contains(text, want) {
			t.Errorf("map lacks %q:\n%s", want, text)
		}
	}
	// The selected box is solid, on page 2 (the second box), low on the
	// page and to the right; the other fields are shaded.
	inner := 12 - 2
	cols := int(math.Round(float64(inner) * cellAspect / pageAspect))
	secondBox := 1 + (cols + 2) + 1 // margin, first box, gap
	var solid []int
	for y, l := range lines[1 : 1+inner] {
		cells := []rune(l)
		page2 := string(cells[secondBox+1 : secondBox+1+cols])
		if strings.Contains(page2, glyphBoxSelected) {
			solid = append(solid, y)
			if x := strings.Index(page2, glyphBoxSelected); x < cols/2 {
				t.Errorf("the selected box starts at column %d of %d, want the right half: %q", x, cols, page2)
			}
		}
		if strings.Contains(string(cells[1:1+cols+2]), glyphBoxSelected) {
			t.Errorf("page 1 has the selected box: %q", l)
		}
	}
	if len(solid) == 0 || solid[0] < inner*3/4 {
		t.Errorf("selected box on rows %v of %d, want near the bottom:\n%s", solid, inner, text)
	}
	if !strings.Contains(text, glyphBoxField) {
		t.Error("the other fields are not shaded")
	}
}

func TestPageMapFlagsBoxesOffThePage(t *testing.T) {
	rv := buildReview(uitest.ReviewedInvoice(), common.DefaultThresholds, "", nil)
	for name, want := range map[string]string{
		"footer_note": "⚠ page 99 of 2",
		"stamp":       "⚠ box outside the page",
		"due_date":    "selected: due_date · no bounding box",
	} {
		lines := mapFor(t, rv, name, 100, 10)
		text := strings.Join(lines, "\n")
		if !strings.Contains(text, want) {
			t.Errorf("%s: map lacks %q:\n%s", name, want, text)
		}
		if n := strings.Count(text, glyphBoxSelected); n != 1 { // the legend's
			t.Errorf("%s: a box that cannot be drawn was drawn:\n%s", name, text)
		}
	}
}

func TestBoxProblems(t *testing.T) {
	for _, tc := range []struct {
		box   client.BoundingBox
		pages int
		want  string
	}{
		{client.BoundingBox{Page: 1, Left: 0.1, Top: 0.1, Width: 0.2, Height: 0.1}, 2, ""},
		{client.BoundingBox{Page: 2, Left: 0.8, Top: 0.9, Width: 0.2, Height: 0.1}, 2, ""}, // exactly at the edge
		{client.BoundingBox{Page: 3, Left: 0.1, Top: 0.1, Width: 0.2, Height: 0.1}, 2, "⚠ page 3 of 2"},
		{client.BoundingBox{Page: 0, Left: 0.1, Top: 0.1, Width: 0.2, Height: 0.1}, 2, "⚠ page 0 does not exist"},
		{client.BoundingBox{Page: 1, Left: -0.1, Top: 0.1, Width: 0.2, Height: 0.1}, 2, "⚠ box outside the page"},
		{client.BoundingBox{Page: 1, Left: 0.9, Top: 0.1, Width: 0.2, Height: 0.1}, 2, "⚠ box outside the page"},
		{client.BoundingBox{Page: 1, Left: 0.1, Top: 0.1, Width: -0.2, Height: 0.1}, 2, "⚠ box outside the page"},
		{client.BoundingBox{Page: 1, Left: math.NaN(), Top: 0.1, Width: 0.2, Height: 0.1}, 2, "⚠ box outside the page"},
		{client.BoundingBox{Page: 99, Left: 2, Top: 0.1, Width: 0.2, Height: 0.1}, 2, "⚠ page 99 of 2 · ⚠ box outside the page"},
		{client.BoundingBox{Page: 7, Left: 0.1, Top: 0.1, Width: 0.2, Height: 0.1}, 0, ""}, // page count unknown
	} {
		if got := strings.Join(boxProblems(tc.box, tc.pages), " · "); got != tc.want {
			t.Errorf("boxProblems(%+v, %d) = %q, want %q", tc.box, tc.pages, got, tc.want)
		}
	}
}

func TestPageMapFollowsTheSelectedPage(t *testing.T) {
	ds := uitest.ReviewedInvoice()
	ds.PageCount = 40
	ds.Fields[9].BoundingBox = uitest.Box(37, 0.7, 0.8, 0.1, 0.05)
	rv := buildReview(ds, common.DefaultThresholds, "", nil)
	text := strings.Join(mapFor(t, rv, "total_amount", 80, 10), "\n")
	if !strings.Contains(text, "p37") || !strings.Contains(text, "of 40") {
		t.Fatalf("the map does not show the selected field's page 37 of 40:\n%s", text)
	}
}

func TestPageMapUnknownPageCount(t *testing.T) {
	ds := uitest.ReviewedInvoice()
	ds.PageCount = 0
	rv := buildReview(ds, common.DefaultThresholds, "", nil)
	text := strings.Join(mapFor(t, rv, "total_amount", 100, 10), "\n")
	// Page 99 is then a page like any other, but at most a window of
	// pages is drawn.
	if !strings.Contains(text, "pages") || strings.Count(text, "┌p") > 10 {
		t.Fatalf("unknown page count:\n%s", text)
	}
}

func TestPageMapTooSmallForBoxesStillSaysWhere(t *testing.T) {
	rv := buildReview(uitest.ReviewedInvoice(), common.DefaultThresholds, "", nil)
	text := strings.Join(mapFor(t, rv, "total_amount", 30, 3), "\n")
	if !strings.Contains(text, "total_amount") || strings.Contains(text, "┌") {
		t.Fatalf("a map with no room for boxes should be words only:\n%s", text)
	}
}

func TestDetailPageMapKey(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 80, 24)
		defer h.Close()
		d := detailOf(h)
		d.selectField(func(f *reviewField) bool { return f.name == "footer_note" })
		h.Press("b")
		view := ansi.Strip(h.View())
		assertFits(t, h.View(), 80, 23) // 24 less the status bar
		if !strings.Contains(view, "⚠ page 99 of 2") || !strings.Contains(view, "┌p1") {
			t.Fatalf("b does not show the map with the flag:\n%s", view)
		}
		if !strings.Contains(view, "footer_note") || !strings.Contains(view, "FIELD") {
			t.Fatalf("the map hides the table at 80x24:\n%s", view)
		}
		h.Press("tab")
		view = ansi.Strip(h.View())
		if !strings.Contains(view, "selected: line item #0 · 4 of 4 fields located") {
			t.Fatalf("the map on line items:\n%s", view)
		}
		h.Press("b")
		if strings.Contains(ansi.Strip(h.View()), "┌p1") {
			t.Fatal("b again does not hide the map")
		}
	})
}
