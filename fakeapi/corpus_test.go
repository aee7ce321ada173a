package fakeapi

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
)

// Properties of the generated corpus: the documents look and behave like
// the real thing, everywhere, not just in the examples.

const realismSample = 3000

func TestDocumentsAreLaidOutLikeRealPages(t *testing.T) {
	types := map[string]bool{"string": true, "date": true, "amount": true, "number": true, "address": true, "currency": true, "boolean": true}
	rowCounts := map[int]int{}
	for i := range realismSample {
		p := planDataset(DefaultSeed, i, DefaultEpoch)
		doc := generateDocument(p, nil)
		if n := len(doc.header); n < 8 || n > 20 {
			t.Fatalf("dataset %d: %d header fields, want 8–20", i, n)
		}
		if n := len(doc.rows); n > maxLineItems {
			t.Fatalf("dataset %d: %d line items, want at most %d", i, n, maxLineItems)
		}
		rowCounts[len(doc.rows)]++
		if doc.pageCount < 1 || doc.pageCount > 3 {
			t.Fatalf("dataset %d: %d pages", i, doc.pageCount)
		}
		check := func(f *fieldPair) {
			if !types[f.typ] {
				t.Fatalf("dataset %d: field %s has type %q", i, f.name, f.typ)
			}
			if f.extracted.IsNull() != (f.box == nil) || f.extracted.IsNull() != (f.confidence == 0) {
				t.Fatalf("dataset %d: %s: a missing value must have confidence 0 and no box, a found one both: %+v", i, f.name, f)
			}
			if f.confidence < 0 || f.confidence > 1 {
				t.Fatalf("dataset %d: %s: confidence %v", i, f.name, f.confidence)
			}
			if b := f.box; b != nil {
				if b.Page < 1 || b.Page > doc.pageCount || b.Left < 0 || b.Top < 0 || b.Width <= 0 || b.Height <= 0 ||
					b.Left+b.Width > 1 || b.Top+b.Height > 1 {
					t.Fatalf("dataset %d: %s: box %+v off a %d-page document", i, f.name, *b, doc.pageCount)
				}
			}
		}
		for k := range doc.header {
			check(&doc.header[k])
		}
		for _, row := range doc.rows {
			for k := range row {
				check(&row[k])
				// Rows of a table: under the header block, or on a later page.
				if b := row[k].box; b != nil && b.Page == 1 && b.Top < 0.2 {
					t.Fatalf("dataset %d: a line item at the top of page 1: %+v", i, *b)
				}
			}
		}
		// Totals sit right, under the table's last row.
		lastRow := client.BoundingBox{Page: 1, Top: 0.2}
		for _, row := range doc.rows {
			for k := range row {
				if b := row[k].box; b != nil && (b.Page > lastRow.Page || b.Page == lastRow.Page && b.Top > lastRow.Top) {
					lastRow = *b
				}
			}
		}
		for k := range doc.header {
			f := &doc.header[k]
			if f.name != "total_amount" || f.box == nil {
				continue
			}
			if b := f.box; b.Left < 0.5 || b.Page < lastRow.Page || b.Page == lastRow.Page && b.Top <= lastRow.Top {
				t.Fatalf("dataset %d: total at %+v, last row at %+v", i, *b, lastRow)
			}
		}
	}
	if rowCounts[0] == 0 || rowCounts[1] == 0 || rowCounts[maxLineItems-5]+rowCounts[maxLineItems-4]+rowCounts[maxLineItems-3] == 0 {
		t.Errorf("line item counts lack variety: %v", rowCounts)
	}
}

func TestCorpusMixMatchesTheIssue(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DatasetCount = realismSample })
	all := h.srv.Datasets()
	idPattern := regexp.MustCompile(`^ds_[0-9a-z]{8}$`)
	namePattern := regexp.MustCompile(`^[A-Za-z0-9_.-]+\.(pdf|jpg|png)$`)
	seen := map[string]bool{}
	customersSeen, typesSeen := map[string]int{}, map[string]int{}
	status := map[string]int{}
	verified, complete := 0, 0
	for _, d := range all {
		if !idPattern.MatchString(d.ID) || seen[d.ID] {
			t.Fatalf("id %q is malformed or repeated", d.ID)
		}
		seen[d.ID] = true
		if !namePattern.MatchString(d.DocumentName) {
			t.Errorf("document name %q", d.DocumentName)
		}
		if d.CreatedAt.After(DefaultEpoch) || d.CreatedAt.Before(DefaultEpoch.AddDate(-1, 0, -1)) {
			t.Errorf("%s created %v, outside the year before the epoch", d.ID, d.CreatedAt)
		}
		if d.UpdatedAt.Before(d.CreatedAt) {
			t.Errorf("%s updated before it was created", d.ID)
		}
		customersSeen[d.CustomerID]++
		typesSeen[d.DatasetType]++
		status[d.Status]++
		if d.Status == client.StatusComplete {
			complete++
			if d.IsVerified {
				verified++
			}
		} else if d.IsVerified {
			t.Errorf("%s is %s and verified", d.ID, d.Status)
		}
	}
	if len(customersSeen) < 25 {
		t.Errorf("%d customers, want a few dozen", len(customersSeen))
	}
	if customersSeen["cus_northwind"] < customersSeen["cus_initech"] {
		t.Errorf("customer sizes are flat: %v", customersSeen)
	}
	for _, typ := range []string{client.TypeInvoice, client.TypePurchaseOrder, client.TypeReceipt} {
		if typesSeen[typ] < realismSample/10 {
			t.Errorf("only %d %s datasets", typesSeen[typ], typ)
		}
	}
	if status[client.StatusProcessing] != realismSample/50 || status[client.StatusFailed] != realismSample/50 {
		t.Errorf("statuses %v, want 2 %% processing and 2 %% failed", status)
	}
	if share := float64(verified) / float64(complete); share < 0.55 || share > 0.65 {
		t.Errorf("%.1f %% of completed datasets verified, want about 60 %%", 100*share)
	}
}

func TestExtractionMistakesLookRealAndConfidenceIsInformative(t *testing.T) {
	var confidentRight, confident, unsureRight, unsure, confidentlyWrong int
	mistakes := map[string]int{}
	currencies := map[string]bool{}
	for i := range realismSample {
		p := planDataset(DefaultSeed, i, DefaultEpoch)
		doc := generateDocument(p, nil)
		neighbours := map[string]bool{}
		for k := range doc.header {
			neighbours[doc.header[k].truth.String()] = true
			if doc.header[k].name == "currency" {
				currencies[doc.header[k].truth.String()] = true
			}
		}
		visit := func(f *fieldPair) {
			if f.extracted.IsNull() {
				if !f.truth.IsNull() {
					mistakes["missing"]++
				}
				return
			}
			score := ScoreField(f.typ, f.extracted, f.truth)
			switch {
			case f.truth.IsNull():
				mistakes["spurious"]++
			case score == 0 && f.typ == "date" && len(f.extracted.String()) == 10 && f.extracted.String()[2] == '/':
				mistakes["date format"]++
			case score == 0 && neighbours[f.extracted.String()] && f.extracted.String() != f.truth.String():
				mistakes["neighbouring box"]++
			case score > 0 && score < 1:
				mistakes["near miss"]++
			case score == 0:
				mistakes["wrong"]++
			}
			if f.confidence >= 0.85 {
				confident++
				confidentRight += b2i(score == 1)
				confidentlyWrong += b2i(score == 0)
			}
			if f.confidence < 0.5 {
				unsure++
				unsureRight += b2i(score == 1)
			}
		}
		for k := range doc.header {
			visit(&doc.header[k])
		}
		for _, row := range doc.rows {
			for k := range row {
				visit(&row[k])
			}
		}
	}
	for _, kind := range []string{"missing", "spurious", "date format", "neighbouring box", "near miss", "wrong"} {
		if mistakes[kind] == 0 {
			t.Errorf("no %s mistakes in %d documents: %v", kind, realismSample, mistakes)
		}
	}
	if share := float64(confidentRight) / float64(confident); share < 0.97 {
		t.Errorf("only %.1f %% of confident fields are right", 100*share)
	}
	if share := float64(unsureRight) / float64(unsure); share > 0.5 {
		t.Errorf("%.1f %% of unsure fields are right: confidence says too little", 100*share)
	}
	if confidentlyWrong == 0 {
		t.Error("no confidently wrong fields")
	}
	if len(currencies) < 5 {
		t.Errorf("currencies %v", currencies)
	}
	t.Logf("mistakes %v; confident right %d/%d; unsure right %d/%d; confidently wrong %d",
		mistakes, confidentRight, confident, unsureRight, unsure, confidentlyWrong)
}

func TestIDsAreUniqueAcrossALargeCorpus(t *testing.T) {
	seen := make(map[string]bool, 200_000)
	for i := range 200_000 {
		id := datasetID(DefaultSeed, i)
		if seen[id] {
			t.Fatalf("id %s repeats at %d", id, i)
		}
		seen[id] = true
	}
}

func TestPagingThroughCreatedAtTiesIsStable(t *testing.T) {
	// Several datasets uploaded in the same second: the id orders them.
	at := DefaultEpoch.Add(-time.Hour).Unix()
	c := &corpus{}
	for _, id := range []string{"ds_b", "ds_a", "ds_d", "ds_c", "ds_e"} {
		c.records = append(c.records, record{plan: plan{id: id, created: at}})
	}
	c.records = append(c.records, record{plan: plan{id: "ds_z", created: at + 1}}, record{plan: plan{id: "ds_0", created: at - 1}})
	slices.SortFunc(c.records, func(a, b record) int { return compareRecords(&a, &b) })
	c.atEpoch = len(c.records)
	for limit := 1; limit <= 3; limit++ {
		var got []string
		var after *position
		for pages := 0; ; pages++ {
			if pages > len(c.records) {
				t.Fatalf("limit %d: still paging after %d pages of %d records", limit, pages, len(c.records))
			}
			page, more := c.page(listFilter{}, after, limit, DefaultEpoch.Unix())
			for _, r := range page {
				got = append(got, r.id)
			}
			if !more {
				break
			}
			last := page[len(page)-1]
			after = &position{created: last.created, id: last.id}
		}
		if want := []string{"ds_z", "ds_a", "ds_b", "ds_c", "ds_d", "ds_e", "ds_0"}; !slices.Equal(got, want) {
			t.Errorf("limit %d: %v, want %v", limit, got, want)
		}
	}
}
