package detail

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/match"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

func TestDetailShowsFieldsAgainstGroundTruth(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.ReviewedInvoice()
		api := uitest.NewAPI([]client.Dataset{ds})
		release := make(chan struct{})
		api.Get = func(ctx context.Context, id string) (client.Dataset, error) {
			select {
			case <-release:
				return uitest.ReviewedInvoice(), nil
			case <-ctx.Done():
				return client.Dataset{}, ctx.Err()
			}
		}
		h := newDetailHost(t, api, common.Options{}, 120, 40)
		defer h.Close()
		h.Press("enter")
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "loading…") || !strings.Contains(view, "northwind-invoice-2026-0412.pdf") {
			t.Fatalf("no spinner and summary while the dataset loads:\n%s", view)
		}
		close(release)
		h.Settle()
		view = ansi.Strip(h.View())
		for _, want := range []string{
			"overall accuracy 67.7% ▮▮▮▮▮▮▮▯▯▯", "16 of 26 fields match", "6 mismatched", "4 missing",
			"2 confidently wrong", "ds_8f3k2j9q · invoice · cus_northwind · complete · ✓ verified · 2026-04-12 09:31",
			"FIELD", "EXTRACTED", "GROUND TRUTH", "MATCH", "CONFIDENCE", "[fields 14]", "line items 4",
		} {
			if !strings.Contains(view, want) {
				t.Errorf("detail lacks %q:\n%s", want, view)
			}
		}
		for field, want := range map[string][]string{
			"invoice_number": {"INV-2026-0412", "✓ 1.00 ", "0.98 ▮▮▮▮▮▮▮▮▮▮"},
			"total_amount":   {"1320.00", "1230.00", "✗ 0.00", "0.41 ▮▮▮▮▯▯▯▯▯▯ ▼ low"},
			"due_date":       {"∅", "2026-05-12", "∅ 0.00", "0.00"},
			"vendor_name":    {"Northwind Traders", "Northwind Trading Ltd", "~ 0.81", "0.72", "med"},
			"iban":           {"!", "✗ 0.00", "0.96"},
			"subtotal":       {"1,234.50", "1234.5", "✓ 1.00≈"},
			// Ground truth for a field never extracted: a row of its own.
			"payment_terms": {"∅", "Net 30", "∅ 0.00", "—"},
			// Extracted with no ground truth: the truth is "—".
			"footer_note": {"Thank you for your business", "—"},
		} {
			line := lineWith(view, " "+field+" ")
			for _, w := range want {
				if !strings.Contains(line, w) {
					t.Errorf("%s row lacks %q: %q", field, w, line)
				}
			}
		}
		if strings.Contains(lineWith(view, " invoice_number "), "!") {
			t.Error("a confident match is flagged as confidently wrong")
		}
	})
}

func TestReviewCountsTheHandBuiltInvoice(t *testing.T) {
	rv := buildReview(uitest.ReviewedInvoice(), common.DefaultThresholds, "", nil)
	want := reviewCounts{
		scored: invoiceScored, matched: invoiceMatched, mismatched: invoiceMismatched,
		missing: invoiceMissing, confidentlyWrong: invoiceConfidentlyWrong, needsReview: rv.counts.needsReview,
	}
	if rv.counts != want {
		t.Fatalf("counts %+v, want %+v", rv.counts, want)
	}
	var wrong []string
	for _, f := range rv.fields {
		if f.Has(fieldConfidentlyWrong) {
			wrong = append(wrong, f.key)
		}
	}
	for _, r := range rv.lines.rows {
		for _, c := range r.cells {
			if c.Has(fieldConfidentlyWrong) {
				wrong = append(wrong, c.key)
			}
		}
	}
	if !slices.Equal(wrong, []string{"iban", "line_items[1].unit_price"}) {
		t.Fatalf("confidently wrong %q", wrong)
	}
	// A higher threshold clears the line item's 0.92 but not the 0.96.
	rv = buildReview(uitest.ReviewedInvoice(), common.Thresholds{Low: 0.5, Medium: 0.8, High: 0.95}, "", nil)
	if rv.counts.confidentlyWrong != 1 {
		t.Fatalf("with High 0.95: %d confidently wrong, want 1", rv.counts.confidentlyWrong)
	}
}

func TestDetailCacheHitSendsNoRequest(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, api := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		h.Press("esc", "enter")
		if got := api.GetCalls(); len(got) != 1 {
			t.Fatalf("GetDataset calls %q, want one: the second opening is a cache hit", got)
		}
		view := ansi.Strip(h.View())
		if strings.Contains(view, "loading") || !strings.Contains(view, "16 of 26 fields match") {
			t.Fatalf("the cached dataset is not shown at once:\n%s", view)
		}
	})
}

func TestDetailCacheIsBoundedBySize(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		data := uitest.Corpus(3)
		api := uitest.NewAPI(data)
		h := newDetailHost(t, api, common.Options{DetailCacheSize: 2}, 120, 40)
		defer h.Close()
		for _, moves := range [][]string{{}, {"j"}, {"j", "j"}, {}} {
			h.Press("g")
			h.Press(moves...)
			h.Press("enter", "esc")
		}
		// ds_0000 was the least recently used when ds_0002 came in.
		if got := api.GetCalls(); !slices.Equal(got, []string{"ds_0000", "ds_0001", "ds_0002", "ds_0000"}) {
			t.Fatalf("GetDataset calls %q", got)
		}
		// The cache holds its size, 2: the two used last.
		var cached []string
		for _, ds := range data {
			if _, ok := h.C.Details.Get(ds.ID); ok {
				cached = append(cached, ds.ID)
			}
		}
		if !slices.Equal(cached, []string{"ds_0000", "ds_0002"}) {
			t.Fatalf("cached %q, want the size, 2: ds_0000 and ds_0002", cached)
		}
	})
}

func TestDetailRefetchReplacesTheCachedCopy(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, api := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		fixed := uitest.ReviewedInvoice()
		fixed.Fields[9].Value = client.StringValue("1230.00")
		fixed.Accuracy.FieldScores["total_amount"] = 1
		fixed.Fields[6].Value = client.StringValue("USD") // currency: a row drawn before, not selected
		api.Get = func(context.Context, string) (client.Dataset, error) { return fixed, nil }

		h.Press("j", "j")
		if got := selectedName(detailOf(h)); got != "total_amount" {
			t.Fatalf("selected %q, want total_amount", got)
		}
		h.Press("r")
		if got := api.GetCalls(); len(got) != 2 {
			t.Fatalf("r sent %d requests in all, want a second", len(got))
		}
		if got := selectedName(detailOf(h)); got != "total_amount" {
			t.Fatalf("refetch moved the selection to %q", got)
		}
		if line := lineWith(ansi.Strip(h.View()), " total_amount "); !strings.Contains(line, "✓ 1.00") {
			t.Fatalf("the refetched value is not shown: %q", line)
		}
		if line := lineWith(ansi.Strip(h.View()), " currency "); !strings.Contains(line, "USD") {
			t.Fatalf("a row drawn before the refetch is stale: %q", line)
		}
		h.Press("esc", "enter")
		if n := len(api.GetCalls()); n != 2 {
			t.Fatalf("%d requests: reopening after r should hit the cache", n)
		}
		if line := lineWith(ansi.Strip(h.View()), " total_amount "); !strings.Contains(line, "✓ 1.00") {
			t.Fatalf("the cache kept the old copy: %q", line)
		}
	})
}

func TestDetailPollsAProcessingDatasetUntilComplete(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.ProcessingOrder()
		api := uitest.NewAPI([]client.Dataset{ds})
		api.SetBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 50}})
		gets := 0
		api.Get = func(context.Context, string) (client.Dataset, error) {
			gets++
			d := uitest.ProcessingOrder()
			if gets >= 3 {
				d = uitest.ReviewedInvoice()
				d.ID, d.DocumentName, d.Status = ds.ID, ds.DocumentName, client.StatusComplete
			}
			return d, nil
		}
		h := newDetailHost(t, api, common.Options{PollInterval: 3 * time.Second}, 120, 40)
		defer h.Close()
		h.Press("enter")
		if !strings.Contains(ansi.Strip(h.View()), "processing… · checking every 3s") {
			t.Fatalf("no processing line:\n%s", ansi.Strip(h.View()))
		}
		time.Sleep(3*time.Second + time.Millisecond)
		h.Settle()
		if n := len(api.GetCalls()); n != 2 {
			t.Fatalf("%d requests after one interval, want the fetch and one poll", n)
		}
		time.Sleep(3 * time.Second)
		h.Settle()
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "16 of 26 fields match") {
			t.Fatalf("the completed dataset is not shown:\n%s", view)
		}
		time.Sleep(30 * time.Second)
		h.Settle()
		if n := len(api.GetCalls()); n != 3 {
			t.Fatalf("%d requests: polling went on after the dataset completed", n)
		}
		// That the list's row takes the completed dataset is the root's
		// TestDetailPollRefreshesTheListRow.
	})
}

func TestDetailPollingKeepsTheBudgetReserve(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI([]client.Dataset{uitest.ProcessingOrder()})
		// Only the reserve left: a third of the limit (common's
		// pollReserveFraction).
		reserve := client.Bucket{Limit: 60, Remaining: 60 / 3}
		if n := common.PollAllowance(reserve, time.Now()); n != 0 {
			t.Fatalf("%+v allows %d polls: not the reserve", reserve, n)
		}
		api.SetBudget(client.Budget{Read: reserve})
		h := newDetailHost(t, api, common.Options{}, 120, 40)
		defer h.Close()
		h.Press("enter")
		time.Sleep(10 * time.Second)
		h.Settle()
		if n := len(api.GetCalls()); n != 1 {
			t.Fatalf("%d requests with only the reserve left, want the first fetch alone", n)
		}
		if !strings.Contains(ansi.Strip(h.View()), "paused: saving the rate budget") {
			t.Fatalf("the pause is not shown:\n%s", ansi.Strip(h.View()))
		}
		api.SetBudget(client.Budget{Read: client.Bucket{Limit: 60, Remaining: 40}})
		h.Send(budgetNews{budget: api.Budget()})
		time.Sleep(common.DefaultPollInterval)
		h.Settle()
		if n := len(api.GetCalls()); n != 2 {
			t.Fatalf("%d requests once the budget recovered, want a poll", n)
		}
	})
}

func TestDetailPollingStopsWhileCovered(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI([]client.Dataset{uitest.ProcessingOrder()})
		h := newDetailHost(t, api, common.Options{}, 120, 40)
		defer h.Close()
		h.Press("enter")
		h.Push(&cover{}) // as the help screen covers it
		h.Settle()
		time.Sleep(20 * time.Second)
		h.Settle()
		if n := len(api.GetCalls()); n != 1 {
			t.Fatalf("%d requests while a view covered the detail, want none after the first", n)
		}
		h.Press("?") // closes the cover
		time.Sleep(common.DefaultPollInterval)
		h.Settle()
		if n := len(api.GetCalls()); n != 2 {
			t.Fatalf("%d requests after the cover closed, want polling to resume", n)
		}
	})
}

func TestDetailSortOrders(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		d := detailOf(h)
		want := map[fieldSort][]string{
			// Problems (mismatches, missing) first, then confidence up.
			sortProblemsFirst: {"due_date", "payment_terms", "total_amount", "vendor_name", "iban",
				"stamp", "footer_note", "purchase_order_number", "vendor_address", "subtotal",
				"tax_amount", "invoice_date", "invoice_number", "currency"},
			sortByName: {"currency", "due_date", "footer_note", "iban", "invoice_date", "invoice_number",
				"payment_terms", "purchase_order_number", "stamp", "subtotal", "tax_amount",
				"total_amount", "vendor_address", "vendor_name"},
			sortByConfidence: {"due_date", "payment_terms", "stamp", "total_amount", "footer_note",
				"purchase_order_number", "vendor_name", "vendor_address", "subtotal", "tax_amount",
				"invoice_date", "iban", "invoice_number", "currency"},
			// Scored first, score up, then confidence up; unscored last.
			sortByScore: {"due_date", "payment_terms", "total_amount", "iban", "vendor_name",
				"purchase_order_number", "vendor_address", "subtotal", "tax_amount", "invoice_date",
				"invoice_number", "currency", "stamp", "footer_note"},
		}
		for _, mode := range []fieldSort{sortProblemsFirst, sortByName, sortByConfidence, sortByScore, sortProblemsFirst} {
			if d.sort != mode {
				t.Fatalf("sort is %v, want %v", d.sort, mode)
			}
			if got := shownNames(d); !slices.Equal(got, want[mode]) {
				t.Errorf("%v order:\n got %q\nwant %q", mode, got, want[mode])
			}
			if !strings.Contains(ansi.Strip(h.View()), "sort: "+mode.String()) {
				t.Errorf("the tabs line does not say sort: %s", mode)
			}
			h.Press("s")
		}
	})
}

func TestDetailSortSkipsScoreWhenNotReviewed(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.UnreviewedReceipt(), common.Options{}, 120, 40)
		defer h.Close()
		h.Press("s", "s", "s")
		if got := detailOf(h).sort; got != sortProblemsFirst {
			t.Fatalf("three presses of s on an unreviewed dataset gave %v, want back to problems first", got)
		}
	})
}

func TestDetailSortKeepsTheSelection(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		h.Press("j", "j", "j", "s")
		if got := selectedName(detailOf(h)); got != "vendor_name" {
			t.Fatalf("after s the selection is %q, want vendor_name still", got)
		}
	})
}

func TestDetailMismatchFilter(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		h.Press("m")
		d := detailOf(h)
		want := []string{"due_date", "payment_terms", "total_amount", "vendor_name", "iban"}
		if got := shownNames(d); !slices.Equal(got, want) {
			t.Fatalf("m shows %q, want %q", got, want)
		}
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "mismatches only") || !strings.Contains(view, "field 1 of 5 (9 hidden)") {
			t.Fatalf("the filter is not said:\n%s", view)
		}
		if strings.Contains(view, " currency ") {
			t.Fatal("a match is still on screen")
		}
		h.Press("tab")
		if got := shownNames(d); !slices.Equal(got, []string{"line_items[1].description", "line_items[2].description", "line_items[3].description"}) {
			t.Fatalf("m on line items shows %q, want the three with a mismatch", got)
		}
		h.Press("tab", "m")
		if n := len(d.fieldRows.order); n != 14 {
			t.Fatalf("m again shows %d fields, want all 14", n)
		}
	})
}

func TestDetailMismatchFilterWithNone(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.ReviewedInvoice()
		ds.Fields = ds.Fields[2:4]
		ds.LineItems, ds.GroundTruth = nil, ds.GroundTruth[2:4]
		h, _ := openDetail(t, ds, common.Options{}, 80, 24)
		defer h.Close()
		h.Press("m")
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "no mismatches · m shows all fields") {
			t.Fatalf("an empty filter does not say why:\n%s", view)
		}
		assertFits(t, h.View(), 80, 23) // 24 less the status bar
	})
}

func TestDetailNextAndPreviousToReviewWrap(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		d := detailOf(h)
		h.Press("s", "g") // by name, from the top: the ones to review are spread out
		// By name: currency due_date footer_note iban invoice_date
		// invoice_number payment_terms purchase_order_number stamp subtotal
		// tax_amount total_amount vendor_address vendor_name.
		var got []string
		for range 8 {
			h.Press("n")
			got = append(got, selectedName(d))
		}
		// subtotal and tax_amount match their ground truth but are stops too:
		// subtotal + tax ≠ total failed over them.
		want := []string{"due_date", "iban", "payment_terms", "stamp", "subtotal", "tax_amount", "total_amount", "vendor_name"}
		if !slices.Equal(got, want) {
			t.Fatalf("n visits %q, want %q", got, want)
		}
		h.Press("G", "n")
		if selectedName(d) != "due_date" || d.flash != "wrapped to the top" {
			t.Fatalf("n from the bottom: %q, flash %q", selectedName(d), d.flash)
		}
		if !strings.Contains(lineWith(ansi.Strip(h.View()), "field 2 of 14"), "wrapped to the top") {
			t.Fatalf("the footer does not say it wrapped:\n%s", ansi.Strip(h.View()))
		}
		h.Press("N")
		if selectedName(d) != "vendor_name" || d.flash != "wrapped to the bottom" {
			t.Fatalf("N from the first: %q, flash %q", selectedName(d), d.flash)
		}
		h.Press("N", "N")
		if selectedName(d) != "tax_amount" || d.flash != "" {
			t.Fatalf("N twice more: %q (flash %q), want tax_amount without wrapping", selectedName(d), d.flash)
		}
	})
}

func TestDetailNextWhenNothingNeedsReview(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.ReviewedInvoice()
		ds.Fields = ds.Fields[2:3] // invoice_number, a confident match
		ds.LineItems, ds.GroundTruth = nil, ds.GroundTruth[2:3]
		h, _ := openDetail(t, ds, common.Options{}, 120, 40)
		defer h.Close()
		h.Press("n")
		if got := detailOf(h).flash; got != "nothing here needs review" {
			t.Fatalf("flash %q", got)
		}
	})
}

func TestDetailNormalisationNotes(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		d := detailOf(h)
		for name, note := range map[string]string{
			"subtotal":       "≈ normalised: 1,234.50 = 1234.5 (as numbers)",
			"invoice_date":   "≈ normalised: 12.04.2026 = 2026-04-12 (as dates)",
			"vendor_address": "≈ normalised: 12 Harbour St, Leeds LS1 4AB = 12 harbour st, leeds ls1 4ab (case and spacing)",
		} {
			d.selectField(func(f *reviewField) bool { return f.name == name })
			d.clampAll()
			view := ansi.Strip(h.View())
			// The pane wraps; compare with the white space folded.
			if !strings.Contains(strings.Join(strings.Fields(view), " "), note) {
				t.Errorf("%s: the pane lacks %q:\n%s", name, note, view)
			}
			if line := lineWith(view, " "+name+" "); !strings.Contains(line, "✓ 1.00≈") {
				t.Errorf("%s row is not a match marked ≈: %q", name, line)
			}
		}
		d.selectField(func(f *reviewField) bool { return f.name == "invoice_number" })
		d.clampAll()
		if view := ansi.Strip(h.View()); strings.Contains(view, "normalised") {
			t.Errorf("an identical match has a note:\n%s", view)
		}
	})
}

func TestNormalisationNoteWords(t *testing.T) {
	for _, tc := range []struct{ typ, got, want, note string }{
		{"amount", "1,234.50", "1234.5", "≈ normalised: 1,234.50 = 1234.5 (as numbers)"},
		{"amount", "$1,234.50", "1234.50 USD", "≈ normalised: $1,234.50 = 1234.50 USD (as numbers)"},
		{"amount", "1.234,50", "1234.5", "≈ normalised: 1.234,50 = 1234.5 (as numbers)"},
		{"string", "ACME  Ltd", "acme ltd", "≈ normalised: ACME  Ltd = acme ltd (case and spacing)"},
		{"date", "Apr 12, 2026", "2026-04-12", "≈ normalised: Apr 12, 2026 = 2026-04-12 (as dates)"},
		{"date", "12 april 2026", "2026-04-12", "≈ normalised: 12 april 2026 = 2026-04-12 (as dates)"},
		{"boolean", "Yes", "true", "≈ normalised: Yes = true (as yes/no)"},
		{"boolean", "x", "true", "≈ normalised: x = true (as yes/no)"}, // a ticked box
		{"string", "Straße", "Strasse", "≈ normalised: Straße = Strasse (by the server's rules)"},
		{"amount", "12.00", "12.00", ""},
	} {
		if got := normalisationNote(tc.typ, tc.got, tc.want); got != tc.note {
			t.Errorf("normalisationNote(%q, %q, %q) = %q, want %q", tc.typ, tc.got, tc.want, got, tc.note)
		}
	}
	// A different number is not explained away, whatever the type says.
	if eq := match.Explain("amount", "1320.00", "1230.00"); eq != match.Unexplained {
		t.Errorf("1320.00 vs 1230.00: %v", eq)
	}
	if eq := match.Explain("string", "1,234.50", "1234.5"); eq != match.SameNumber {
		t.Errorf("an amount typed as string: %v, want SameNumber", eq)
	}
}

// clipboardText digs the text of a tea.SetClipboard command out of what
// cmd returns (its message type is Bubble Tea's own).
func clipboardText(t *testing.T, cmd tea.Cmd) (string, bool) {
	t.Helper()
	if cmd == nil {
		return "", false
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			if s, ok := clipboardText(t, c); ok {
				return s, true
			}
		}
		return "", false
	}
	v := reflect.ValueOf(msg)
	if v.Kind() == reflect.String && v.Type().Name() == "setClipboardMsg" && v.Type().PkgPath() == "charm.land/bubbletea/v2" {
		return v.String(), true
	}
	return "", false
}

func TestDetailCopyEmitsOSC52(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.ReviewedInvoice()
		ds.Fields[9].Value = client.StringValue("1320.00\x1b]52;c;cm0gLXJmIH4=\x07 EUR")
		h, _ := openDetail(t, ds, common.Options{}, 120, 40)
		defer h.Close()
		d := detailOf(h)
		d.selectField(func(f *reviewField) bool { return f.name == "total_amount" })
		text, ok := clipboardText(t, d.Update(uitest.KeyPress("y")))
		if !ok || text != "1320.00 EUR" {
			t.Fatalf("y put %q on the clipboard (ok %v), want the sanitized value", text, ok)
		}
		if view := ansi.Strip(h.View()); !strings.Contains(view, "copied total_amount (11 chars)") {
			t.Fatalf("no copied feedback:\n%s", view)
		}
		d.selectField(func(f *reviewField) bool { return f.name == "due_date" })
		if _, ok := clipboardText(t, d.Update(uitest.KeyPress("y"))); ok || d.flash != "nothing extracted to copy" {
			t.Fatalf("y on a null value: copied %v, flash %q", ok, d.flash)
		}
		d.Update(uitest.KeyPress("tab"))
		d.Update(uitest.KeyPress("j"))
		text, ok = clipboardText(t, d.Update(uitest.KeyPress("y")))
		if !ok || text != boltsDescription()+"\t12\t7.58\t94.20" {
			t.Fatalf("y on a line item copied %q", text)
		}
	})
}

func TestDetailLineItems(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ReviewedInvoice(), common.Options{}, 120, 40)
		defer h.Close()
		h.Press("tab")
		view := ansi.Strip(h.View())
		for _, want := range []string{"[line items 4]", "DESCRIPTION", "QUANTITY", "UNIT_PRICE", "AMOUNT"} {
			if !strings.Contains(view, want) {
				t.Errorf("line items lack %q:\n%s", want, view)
			}
		}
		// Each row starts with its flags and index.
		for row, want := range map[string][]string{
			"✓⚑ 0": {"✓ Steel brackets, 40mm", "✓ 100", "✓ 240.00"}, // ⚑ its amount is in the failed line sum
			"✗! 1": {"✓ " + boltsDescription(), "✗! 7.58"},
			"✗⚑ 2": {"~ Washers, zinc, 8mm ▽", "✗ 5O ▼", "✓ 0.18"}, // ▽ medium confidence (0.62)
			"✗  3": {"∅", "·"},
		} {
			line := lineWith(view, row+"  ")
			for _, w := range want {
				if !strings.Contains(line, w) {
					t.Errorf("line item %q lacks %q: %q", row, w, line)
				}
			}
		}
		// The pane shows every field of the selected item, truth included
		// where it differs.
		h.Press("j")
		view = strings.Join(strings.Fields(ansi.Strip(h.View())), " ")
		if !strings.Contains(view, "✗! 7.58 · truth: 7.85") {
			t.Fatalf("the pane lacks the unit price against its truth:\n%s", ansi.Strip(h.View()))
		}
	})
}

func TestDetailUnverifiedSaysNotReviewed(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.UnreviewedReceipt(), common.Options{}, 120, 40)
		defer h.Close()
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "not reviewed") || strings.Contains(view, "GROUND TRUTH") || strings.Contains(view, "MATCH") {
			t.Fatalf("unverified dataset:\n%s", view)
		}
		if !strings.Contains(lineWith(view, " tax_amount "), "0.44 ▮▮▮▮▯▯▯▯▯▯ ▼ low") {
			t.Fatalf("a low confidence is not marked:\n%s", view)
		}
	})
}

func TestDetailFailedAndProcessing(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.FailedInvoice(), common.Options{}, 80, 24)
		defer h.Close()
		view := ansi.Strip(h.View())
		for _, want := range []string{"✗ extraction failed", "✗ failed", "there are no fields to review"} {
			if !strings.Contains(view, want) {
				t.Errorf("failed dataset lacks %q:\n%s", want, view)
			}
		}
		if detailOf(h).Busy() {
			t.Error("a failed dataset keeps the clock ticking")
		}
	})
	uitest.Run(t, func(t *testing.T) {
		h, _ := openDetail(t, uitest.ProcessingOrder(), common.Options{}, 80, 24)
		defer h.Close()
		view := ansi.Strip(h.View())
		for _, want := range []string{"processing… · checking every 3s", "no fields yet"} {
			if !strings.Contains(view, want) {
				t.Errorf("processing dataset lacks %q:\n%s", want, view)
			}
		}
		if !detailOf(h).Busy() {
			t.Error("a processing dataset shows no spinner")
		}
	})
}

func TestDetailHighlightMarksHits(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		api := uitest.NewAPI([]client.Dataset{uitest.ReviewedInvoice()})
		h := newDetailHost(t, api, common.Options{}, 120, 40)
		defer h.Close()
		ds := uitest.ReviewedInvoice()
		h.Send(common.OpenDatasetMsg{ID: ds.ID, Summary: common.NewRow(ds), Highlight: "NORTHWIND"})
		h.Settle()
		view := ansi.Strip(h.View())
		if !strings.Contains(view, "◆ “NORTHWIND” 1 hit") {
			t.Fatalf("the tabs line does not count the hits:\n%s", view)
		}
		if line := lineWith(view, " vendor_name "); !strings.Contains(line, "◆ vendor_name") {
			t.Fatalf("the hit is not marked: %q", line)
		}
		if line := lineWith(view, " invoice_number "); strings.Contains(line, "◆") {
			t.Fatalf("a field without the query is marked: %q", line)
		}
	})
}

func TestDetailLongValueIsReadableInFull(t *testing.T) {
	uitest.Run(t, func(t *testing.T) {
		ds := uitest.ReviewedInvoice()
		long := strings.Repeat("lorem ipsum ", 830) + "THE_END"
		ds.Fields[0].Value = client.StringValue(long)
		h, _ := openDetail(t, ds, common.Options{}, 80, 24)
		defer h.Close()
		d := detailOf(h)
		d.selectField(func(f *reviewField) bool { return f.name == "vendor_name" })
		d.clampAll()
		view := ansi.Strip(h.View())
		assertFits(t, h.View(), 80, 23) // 24 less the status bar
		if !strings.Contains(view, "more lines · enter: read all") {
			t.Fatalf("the pane does not say there is more:\n%s", view)
		}
		h.Press("enter")
		if !d.zoomed || !strings.Contains(ansi.Strip(h.View()), "── vendor_name · lines 1–") {
			t.Fatalf("enter did not open the full value:\n%s", ansi.Strip(h.View()))
		}
		h.Press("G")
		view = ansi.Strip(h.View())
		assertFits(t, h.View(), 80, 23) // 24 less the status bar
		if !strings.Contains(view, "THE_END") {
			t.Fatalf("the end of the value cannot be reached:\n%s", view)
		}
		h.Press("esc")
		if d.zoomed || len(h.Stack) != 2 {
			t.Fatal("esc should close the full value, not the detail")
		}
	})
}
