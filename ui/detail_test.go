package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
)

// invoice is the api-reference's example dataset: a verified invoice with
// a match, a wrong value, a value not extracted and a partial match.
func invoice() client.Dataset {
	acc := 0.6
	pages := 2
	return client.Dataset{
		ID: "ds_8f3k2j9q", DocumentName: "northwind-invoice-2026-0412.pdf", CustomerID: "cus_northwind",
		DatasetType: client.TypeInvoice, Status: client.StatusComplete, IsVerified: true, PageCount: pages,
		CreatedAt: time.Date(2026, 4, 13, 9, 31, 7, 0, time.UTC), // newer than corpus(): the first row
		Fields: []client.Field{
			{Name: "invoice_number", Value: client.StringValue("INV-2026-0412"), Confidence: 0.98},
			{Name: "total_amount", Value: client.StringValue("1320.00"), Confidence: 0.41},
			{Name: "due_date", Confidence: 0},
			{Name: "vendor_name", Value: client.StringValue("Northwind Trading"), Confidence: 0.7},
		},
		LineItems: []client.LineItem{{Index: 0, Fields: []client.Field{
			{Name: "amount", Value: client.StringValue("240.00"), Confidence: 0.88},
		}}},
		GroundTruth: []client.GroundTruth{
			{Name: "invoice_number", Value: client.StringValue("INV-2026-0412")},
			{Name: "total_amount", Value: client.StringValue("1230.00")},
			{Name: "due_date", Value: client.StringValue("2026-05-12")},
			{Name: "vendor_name", Value: client.StringValue("Northwind Trading Ltd")},
			{Name: "line_items[0].amount", Value: client.StringValue("240.00")},
		},
		Accuracy: &client.Accuracy{OverallAccuracy: &acc, FieldScores: map[string]float64{
			"invoice_number": 1, "total_amount": 0, "due_date": 0, "vendor_name": 0.86, "line_items[0].amount": 1,
		}},
	}
}

func TestDetailShowsFieldsAgainstGroundTruth(t *testing.T) {
	run(t, func(t *testing.T) {
		data := append([]client.Dataset{invoice()}, corpus(60)...)
		api := newStub(data)
		release := make(chan struct{})
		api.get = func(ctx context.Context, id string) (client.Dataset, error) {
			select {
			case <-release:
				return invoice(), nil
			case <-ctx.Done():
				return client.Dataset{}, ctx.Err()
			}
		}
		h := newHarness(t, api, Options{}, 120, 30)
		defer h.close()
		h.press("enter")
		if got := api.getCalls(); !slices.Equal(got, []string{"ds_8f3k2j9q"}) {
			t.Fatalf("GetDataset calls %q", got)
		}
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "loading…") || !strings.Contains(view, "northwind-invoice-2026-0412.pdf") {
			t.Fatalf("no spinner and summary while the dataset loads:\n%s", view)
		}
		close(release)
		h.settle()
		view = ansi.Strip(h.view())
		for _, want := range []string{
			"overall accuracy 60.0% ▮▮▮▮▮▮▯▯▯▯", "2 of 5 fields match",
			"GROUND TRUTH", "MATCH", "CONFIDENCE",
		} {
			if !strings.Contains(view, want) {
				t.Errorf("detail lacks %q:\n%s", want, view)
			}
		}
		for field, want := range map[string][]string{
			"invoice_number":       {"INV-2026-0412", "✓ 1.00", "0.98"},
			"total_amount":         {"1320.00", "1230.00", "✗ 0.00", "0.41", "▼"},
			"due_date":             {"∅", "2026-05-12", "∅ 0.00"},
			"vendor_name":          {"~ 0.86", "0.70"},
			"line_items[0].amount": {"240.00", "✓ 1.00"},
		} {
			line := lineWith(view, field)
			for _, w := range want {
				if !strings.Contains(line, w) {
					t.Errorf("%s row lacks %q: %q", field, w, line)
				}
			}
		}
	})
}

func TestDetailRefreshesTheListRow(t *testing.T) {
	run(t, func(t *testing.T) {
		data := corpus(10)
		data[0].Status, data[0].MinConfidence, data[0].Accuracy = client.StatusProcessing, nil, nil
		api := newStub(data)
		api.get = func(context.Context, string) (client.Dataset, error) {
			done := invoice()
			done.ID, done.CreatedAt = data[0].ID, data[0].CreatedAt
			return done, nil
		}
		h := newHarness(t, api, Options{}, 120, 30)
		defer h.close()
		h.press("enter", "esc")
		line := lineWith(ansi.Strip(h.view()), data[0].ID)
		if !strings.Contains(line, "complete") || !strings.Contains(line, "60.0%") {
			t.Fatalf("list row not updated from the detail's answer: %q", line)
		}
	})
}

func TestDetailUnverifiedSaysNotReviewed(t *testing.T) {
	run(t, func(t *testing.T) {
		ds := invoice()
		ds.IsVerified, ds.Accuracy, ds.GroundTruth = false, nil, nil
		api := newStub([]client.Dataset{ds})
		h := newHarness(t, api, Options{}, 120, 30)
		defer h.close()
		h.press("enter")
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "not reviewed") || strings.Contains(view, "GROUND TRUTH") {
			t.Fatalf("unverified dataset:\n%s", view)
		}
	})
}

func TestEscReturnsToTheListAsItWas(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(200))
		h := newHarness(t, api, Options{}, 120, 30)
		defer h.close()
		h.press("pgdown", "j", "j")
		list := h.list()
		cursor, offset := list.cursor, list.offset
		before := h.view()
		calls := len(api.listCalls())

		h.press("enter")
		if !strings.Contains(ansi.Strip(h.view()), "esc back") {
			t.Fatal("enter did not open the detail")
		}
		h.press("j", "G", "esc")
		if list.cursor != cursor || list.offset != offset {
			t.Fatalf("list moved: cursor %d→%d offset %d→%d", cursor, list.cursor, offset, list.offset)
		}
		if got := h.view(); got != before {
			t.Fatalf("list not as it was:\n%s\n---\n%s", ansi.Strip(before), ansi.Strip(got))
		}
		if n := len(api.listCalls()); n != calls {
			t.Fatalf("going back sent %d list requests", n-calls)
		}
	})
}

func TestListKeepsLoadingBehindTheDetail(t *testing.T) {
	run(t, func(t *testing.T) {
		api := newStub(corpus(200))
		g := newGate("50")
		api.list = g.wrap(api)
		h := newHarness(t, api, Options{}, 120, 30)
		defer h.close()
		h.press("G", "enter")
		g.release("50")
		h.settle()
		if n := h.list().store.len(); n != 100 {
			t.Fatalf("%d rows: the page that arrived under the detail was lost", n)
		}
		h.press("esc")
		if !strings.Contains(ansi.Strip(h.view()), "100 loaded") {
			t.Fatal("the list does not show the page that arrived meanwhile")
		}
	})
}
