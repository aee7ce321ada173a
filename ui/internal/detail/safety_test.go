package detail

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/review"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// hostileDetail is a dataset meant to break the detail view: 1 000
// fields named and valued with escape sequences, bidi controls, wide text
// and 10 000-character values; confidences, scores and the overall
// accuracy outside [0, 1] (NaN included, though JSON cannot carry it);
// boxes on page 99, off the page and of negative size; line items with
// hostile column names, a repeated field and an item only the ground
// truth knows.
func hostileDetail() client.Dataset {
	long := strings.Repeat("W", 10_000)
	longSpaced := strings.Repeat("wide 請求書 ", 1_000)
	values := append([]string{long, longSpaced, ""}, uitest.Hostile...)
	confidences := []float64{-3, 7, 0.5, math.NaN(), 1e300, 0.95, 0.1}
	scores := []float64{-1, 2, 0.5, math.NaN(), 1, 0}
	boxes := []*client.BoundingBox{
		nil,
		uitest.Box(99, 0.1, 0.1, 0.2, 0.1),
		uitest.Box(1, -5, 0.1, 0.2, 0.1),
		uitest.Box(2, 0.5, 0.5, -0.3, 2),
		uitest.Box(-4, 0.1, 0.1, 0.1, 0.1),
		uitest.Box(1, math.NaN(), 0, 1, 1),
		uitest.Box(2, 0.9, 0.95, 0.1, 0.05),
	}
	overall := 5.0
	ds := client.Dataset{
		ID: "ds_\x1b[31mevil", DocumentName: uitest.Hostile[0] + long, CustomerID: uitest.Hostile[3], DatasetType: uitest.Hostile[1],
		Status: client.StatusComplete, IsVerified: true, PageCount: 2, CreatedAt: uitest.FixtureCreated,
		Accuracy: &client.Accuracy{OverallAccuracy: &overall, FieldScores: map[string]float64{}},
	}
	for i := range 1_000 {
		name := fmt.Sprintf("%s_%d", uitest.Hostile[i%len(uitest.Hostile)], i)
		if i%97 == 0 {
			name = long
		}
		f := client.Field{
			Name: name, Type: uitest.Hostile[(i+2)%len(uitest.Hostile)],
			Value:       client.StringValue(values[i%len(values)]),
			Confidence:  confidences[i%len(confidences)],
			BoundingBox: boxes[i%len(boxes)],
		}
		if i%11 == 0 {
			f.Value = client.Value{}
		}
		ds.Fields = append(ds.Fields, f)
		if i%3 != 0 {
			ds.GroundTruth = append(ds.GroundTruth, client.GroundTruth{Name: name, Value: client.StringValue(values[(i+1)%len(values)])})
			ds.Accuracy.FieldScores[name] = scores[i%len(scores)]
		}
	}
	for i := range 60 {
		item := client.LineItem{Index: i * 3}
		for j := range 5 {
			item.Fields = append(item.Fields, client.Field{
				Name: uitest.Hostile[(i+j)%len(uitest.Hostile)], Value: client.StringValue(values[(i*5+j)%len(values)]),
				Confidence: confidences[(i+j)%len(confidences)], BoundingBox: boxes[(i+j)%len(boxes)],
			})
		}
		ds.LineItems = append(ds.LineItems, item)
	}
	ds.GroundTruth = append(ds.GroundTruth,
		client.GroundTruth{Name: "line_items[123456789].\x1b]0;x\x07amount", Value: client.StringValue(long)},
		client.GroundTruth{Name: "line_items[].broken", Value: client.StringValue("x")},
		client.GroundTruth{Name: "only-in-truth\u202e", Value: client.StringValue(uitest.Hostile[2])},
	)
	return ds
}

func TestHostileDetailStaysInItsCells(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := hostileDetail()
		api := uitest.NewAPI([]client.Dataset{ds})
		h := newDetailHost(t, api, common.Options{}, 120, 40)
		defer h.Close()
		h.Send(common.OpenDatasetMsg{ID: ds.ID, Summary: common.NewRow(ds), Highlight: "W\x1b[2J"})
		h.Settle()
		// 1 000 fields (a name given twice is one row: the first, as the
		// review domain joins them) and two rows of ground truth nothing was
		// extracted for; 60 items and the one only the ground truth knows.
		rv := review.Build(&ds, review.DefaultThresholds)
		if len(rv.Fields) >= 1002 || len(rv.Repeated) == 0 {
			t.Fatalf("%d fields, %d names repeated: the hostile dataset should repeat names", len(rv.Fields), len(rv.Repeated))
		}
		fields := fmt.Sprintf("[fields %d]", len(rv.Fields))
		if view := ansi.Strip(h.View()); !strings.Contains(view, fields) || !strings.Contains(view, "line items 61") {
			t.Fatalf("the hostile dataset is not shown as %s:\n%s", fields, view)
		}
		// The detail gets the screen less the root's status bar.
		check := func(what string, w, ht int) {
			t.Helper()
			view := h.View()
			assertFits(t, view, w, ht-1)
			uitest.AssertNoForeignEscapes(t, view)
			if t.Failed() {
				t.Fatalf("after %s at %dx%d", what, w, ht)
			}
		}
		for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 10}, {200, 50}, {73, 17}} {
			w, ht := size[0], size[1]
			h.Resize(w, ht)
			h.Settle()
			check("resize", w, ht)
			for _, keys := range [][]string{
				{"g"}, {"j"}, {"G"}, {"ctrl+u"}, {"pgup"}, {"n"}, {"N"}, {"s"}, {"s"}, {"s"}, {"s"},
				{"m"}, {"m"}, {"b"}, {"pgdown"}, {"b"}, {"enter"}, {"G"}, {"esc"}, {"y"},
				{"tab"}, {"j"}, {"b"}, {"G"}, {"enter"}, {"ctrl+d"}, {"esc"}, {"m"}, {"n"}, {"m"}, {"b"}, {"tab"},
			} {
				h.Press(keys...)
				check(strings.Join(keys, " "), w, ht)
			}
		}
	})
}

func TestHostileDetailWhileLoadingAndFailing(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := hostileDetail()
		ds.Status = "\x1b]8;;http://evil\x07processing\x1b]8;;\x07"
		ds.Fields, ds.LineItems = nil, nil
		api := uitest.NewAPI([]client.Dataset{ds})
		h := newDetailHost(t, api, common.Options{}, 80, 24)
		defer h.Close()
		h.Press("enter")
		assertFits(t, h.View(), 80, 23) // 24 less the status bar
		uitest.AssertNoForeignEscapes(t, h.View())
	})
}

func TestFieldColumnsAddUpToTheWidth(t *testing.T) {
	for _, ds := range []client.Dataset{uitest.ReviewedInvoice(), uitest.UnreviewedReceipt(), hostileDetail()} {
		rv := buildReview(ds, common.DefaultThresholds, "", nil)
		for width := minWidth; width <= 220; width++ {
			if got := newFieldColumns(width, rv).total(); got != width {
				t.Fatalf("%s at %d: columns add up to %d", ds.ID, width, got)
			}
		}
	}
}
