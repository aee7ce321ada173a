package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func hostileCorpus() []client.Dataset {
	data := uitest.Corpus(len(uitest.Hostile) * 3)
	for i := range data {
		h := uitest.Hostile[i%len(uitest.Hostile)]
		data[i].DocumentName = h
		data[i].CustomerID = uitest.Hostile[(i+3)%len(uitest.Hostile)]
		data[i].DatasetType = uitest.Hostile[(i+5)%len(uitest.Hostile)]
		if i%4 == 0 {
			data[i].ID = fmt.Sprintf("ds_%d\x1b[31m%s", i, uitest.Hostile[(i+1)%len(uitest.Hostile)])
		}
		data[i].Fields = []client.Field{
			{Name: uitest.Hostile[(i+2)%len(uitest.Hostile)], Value: client.StringValue(uitest.Hostile[(i+4)%len(uitest.Hostile)]), Confidence: 0.3},
			{Name: "total", Confidence: 0.9},
		}
		data[i].GroundTruth = []client.GroundTruth{{Name: "total", Value: client.StringValue(uitest.Hostile[(i+6)%len(uitest.Hostile)])}}
		data[i].Accuracy.FieldScores = map[string]float64{"total": 0.5}
		if i%5 == 0 {
			data[i].Status = "\x1b]8;;http://evil\x07processing\x1b]8;;\x07"
		}
	}
	return data
}

func TestHostileStringsStayInTheirCells(t *testing.T) {
	run(t, func(t *testing.T) {
		data := hostileCorpus()
		api := uitest.NewAPI(data)
		h := newHarness(t, api, common.Options{Title: "evil\x1b[5mhost", DefaultFilters: common.Filters{CustomerID: "cus_\x1b]0;x\x07"}}, 120, 30)
		defer h.close()
		for _, size := range [][2]int{{120, 30}, {60, 10}, {80, 24}, {200, 50}, {73, 17}} {
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			for _, sort := range []string{"", "s", "s"} {
				if sort != "" {
					h.press(sort)
				}
				view := h.view()
				assertFits(t, view, size[0], size[1])
				uitest.AssertNoForeignEscapes(t, view)
			}
		}
		// The detail view of each hostile row, and the error line.
		for i := range data {
			h.press("esc", "g")
			for range i {
				h.press("j")
			}
			h.press("enter")
			view := h.view()
			assertFits(t, view, 73, 17)
			uitest.AssertNoForeignEscapes(t, view)
		}
	})
}

func TestHostileErrorText(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(100))
		api.Get = func(_ context.Context, id string) (client.Dataset, error) {
			return client.Dataset{}, &client.APIError{StatusCode: 502, Detail: "\x1b[2Jgone", RequestID: "req_\x1b]0;t\x07abc"}
		}
		h := newHarness(t, api, common.Options{}, 80, 24)
		defer h.close()
		h.press("enter")
		view := h.view()
		assertFits(t, view, 80, 24)
		uitest.AssertNoForeignEscapes(t, view)
		if !strings.Contains(view, "server error 502 · request req_abc") {
			t.Fatalf("error line lacks the sanitized request id:\n%s", view)
		}
	})
}
