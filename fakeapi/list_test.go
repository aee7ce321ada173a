package fakeapi

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dxdash/dxdash/client"
)

func TestWalkingAllPagesYieldsEveryDatasetOnceInOrder(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DatasetCount = 230 })
	want := ids(h.srv.Datasets())
	if len(want) != 230 {
		t.Fatalf("corpus has %d datasets, want 230", len(want))
	}
	for _, limit := range []int{1, 7, 20, 0, 100} {
		q := url.Values{}
		if limit > 0 {
			q.Set("limit", strconv.Itoa(limit))
		}
		got := ids(h.walk(q))
		if !slices.Equal(got, want) {
			t.Errorf("limit %d: walked %d ids, want the %d of the corpus in list order", limit, len(got), len(want))
		}
	}
}

func TestDefaultAndMaximumPageSize(t *testing.T) {
	h := newHarness(t, nil)
	if n := len(h.list(url.Values{}).Data); n != defaultLimit {
		t.Errorf("default page has %d items, want %d", n, defaultLimit)
	}
	if n := len(h.list(url.Values{"limit": {"100"}}).Data); n != 100 {
		t.Errorf("limit=100 page has %d items, want 100", n)
	}
}

func TestOrderIsNewestFirstThenID(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DatasetCount = 3000 })
	all := h.srv.Datasets()
	ties := 0
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		switch {
		case a.CreatedAt.Before(b.CreatedAt):
			t.Fatalf("%s (%s) listed before newer %s (%s)", a.ID, a.CreatedAt, b.ID, b.CreatedAt)
		case a.CreatedAt.Equal(b.CreatedAt):
			ties++
			if a.ID >= b.ID {
				t.Fatalf("tie at %s not broken by id: %s before %s", a.CreatedAt, a.ID, b.ID)
			}
		}
	}
	t.Logf("%d created_at ties broken by id", ties)
}

// matchesFilters is the specification the server's filtering must meet.
func matchesFilters(d client.Dataset, customer, docType string, verified *bool) bool {
	return (customer == "" || d.CustomerID == customer) &&
		(docType == "" || d.DatasetType == docType) &&
		(verified == nil || d.IsVerified == *verified)
}

func TestFiltersAndTheirCombinationsReturnExactlyTheMatches(t *testing.T) {
	h := newHarness(t, nil)
	all := h.srv.Datasets()
	yes, no := true, false
	cases := []struct {
		customer, docType string
		verified          *bool
	}{
		{customer: "cus_northwind"},
		{customer: "cus_initech"},
		{customer: "cus_nobody"},
		{docType: client.TypeInvoice},
		{docType: client.TypePurchaseOrder},
		{docType: client.TypeReceipt},
		{docType: "contract"},
		{verified: &yes},
		{verified: &no},
		{customer: "cus_acme", docType: client.TypeInvoice},
		{customer: "cus_acme", verified: &yes},
		{docType: client.TypeReceipt, verified: &no},
		{customer: "cus_northwind", docType: client.TypePurchaseOrder, verified: &yes},
	}
	for _, c := range cases {
		q := url.Values{"limit": {"37"}}
		if c.customer != "" {
			q.Set("customer_id", c.customer)
		}
		if c.docType != "" {
			q.Set("dataset_type", c.docType)
		}
		if c.verified != nil {
			q.Set("is_verified", strconv.FormatBool(*c.verified))
		}
		var want []string
		for _, d := range all {
			if matchesFilters(d, c.customer, c.docType, c.verified) {
				want = append(want, d.ID)
			}
		}
		got := ids(h.walk(q))
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %d datasets, want %d", q.Encode(), len(got), len(want))
		}
		if c.customer == "cus_northwind" && c.docType == "" && len(want) == 0 {
			t.Errorf("%s: the biggest customer has no datasets", q.Encode())
		}
	}
}

// valuesOf lists a detail's extracted values, header and line items.
func valuesOf(d client.Dataset) []string {
	var out []string
	for _, f := range d.Fields {
		if !f.Value.IsNull() {
			out = append(out, f.Value.String())
		}
	}
	for _, item := range d.LineItems {
		for _, f := range item.Fields {
			if !f.Value.IsNull() {
				out = append(out, f.Value.String())
			}
		}
	}
	return out
}

func containsFold(values []string, query string) bool {
	query = strings.ToLower(query)
	for _, v := range values {
		if strings.Contains(strings.ToLower(v), query) {
			return true
		}
	}
	return false
}

func TestSearchFindsADatasetByAnyOfItsValues(t *testing.T) {
	h := newHarness(t, nil)
	var target client.Dataset
	for _, d := range h.srv.Datasets() {
		if d.Status == client.StatusComplete && d.DatasetType == client.TypeInvoice {
			if detail := h.detail(d.ID); len(detail.LineItems) > 0 {
				target = detail
				break
			}
		}
	}
	var invoiceNumber string
	for _, f := range target.Fields {
		if f.Name == "invoice_number" && !f.Value.IsNull() {
			invoiceNumber = f.Value.String()
		}
	}
	description := target.LineItems[0].Fields[slices.IndexFunc(target.LineItems[0].Fields,
		func(f client.Field) bool { return f.Name == "description" })].Value.String()
	queries := []string{
		invoiceNumber,                             // a header identifier
		strings.ToUpper(description[:8]),          // a line-item value, other case
		"  " + strings.ToLower(description) + " ", // padded: trimmed by the server
	}
	for _, query := range queries {
		if strings.TrimSpace(query) == "" {
			t.Fatalf("no value to search for in %s", target.ID)
		}
		found := h.walk(url.Values{"search": {query}, "limit": {"100"}})
		if !slices.Contains(ids(found), target.ID) {
			t.Errorf("search %q did not find %s", query, target.ID)
		}
		for _, d := range found[:min(len(found), 15)] {
			if !containsFold(valuesOf(h.detail(d.ID)), strings.TrimSpace(query)) {
				t.Errorf("search %q returned %s, which has no such value", query, d.ID)
			}
		}
	}
}

func TestSearchCombinesWithFilters(t *testing.T) {
	h := newHarness(t, nil)
	const query = "steel"
	everywhere := h.walk(url.Values{"search": {query}, "limit": {"100"}})
	if len(everywhere) == 0 {
		t.Fatalf("search %q matches nothing", query)
	}
	customer := everywhere[0].CustomerID
	narrowed := h.walk(url.Values{"search": {query}, "customer_id": {customer}, "is_verified": {"true"}})
	var want []string
	for _, d := range everywhere {
		if d.CustomerID == customer && d.IsVerified {
			want = append(want, d.ID)
		}
	}
	if got := ids(narrowed); !slices.Equal(got, want) {
		t.Errorf("search+customer+verified = %v, want %v", got, want)
	}
	if got := h.walk(url.Values{"search": {"no value reads like this"}}); len(got) != 0 {
		t.Errorf("a search matching nothing returned %d datasets", len(got))
	}
}

func TestSearchSkipsDatasetsWithoutExtraction(t *testing.T) {
	h := newHarness(t, nil)
	// "." is in nearly every amount: every dataset with values matches.
	for _, d := range h.walk(url.Values{"search": {"."}, "limit": {"100"}}) {
		if d.Status != client.StatusComplete {
			t.Errorf("search matched %s, which is %s", d.ID, d.Status)
		}
	}
}

func TestInvalidQueriesGet400WithDetail(t *testing.T) {
	h := newHarness(t, nil)
	cases := map[string]string{
		"limit=0":             "limit",
		"limit=101":           "limit",
		"limit=abc":           "limit",
		"limit=1.5":           "limit",
		"limit=":              "limit",
		"is_verified=yes":     "is_verified",
		"is_verified=TRUE":    "is_verified",
		"cursor=not-a-cursor": "cursor",
	}
	for query, mention := range cases {
		rec := h.get(datasetsPath + "?" + query)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", query, rec.Code)
			continue
		}
		if detail := detailOf(t, rec); !strings.Contains(detail, mention) {
			t.Errorf("%s: detail %q does not mention %s", query, detail, mention)
		}
	}
	if rec := h.get(datasetsPath + "?unknown=1&limit=5"); rec.Code != http.StatusOK {
		t.Errorf("an unknown parameter gave %d, want it ignored", rec.Code)
	}
}

func TestCursorsAreTamperProofAndBoundToFilters(t *testing.T) {
	h := newHarness(t, nil)
	q := url.Values{"customer_id": {"cus_northwind"}, "limit": {"5"}}
	cursor := h.list(q).NextCursor
	if cursor == "" {
		t.Fatal("first page has no next_cursor")
	}

	// Changing the page size is fine; the position does not depend on it.
	if page := h.list(url.Values{"customer_id": {"cus_northwind"}, "limit": {"50"}, "cursor": {cursor}}); len(page.Data) == 0 {
		t.Error("the cursor with another limit returned nothing")
	}

	for i := range len(cursor) {
		tampered := []byte(cursor)
		tampered[i] = "AB"[b2i(tampered[i] == 'A')]
		rec := h.get(datasetsPath + "?" + url.Values{"customer_id": {"cus_northwind"}, "cursor": {string(tampered)}}.Encode())
		if rec.Code != http.StatusBadRequest || !strings.Contains(detailOf(t, rec), "invalid cursor") {
			t.Fatalf("cursor with byte %d changed: %d %s, want 400 invalid cursor", i, rec.Code, rec.Body)
		}
	}
	for _, other := range []url.Values{
		{"customer_id": {"cus_acme"}},
		{},
		{"customer_id": {"cus_northwind"}, "is_verified": {"true"}},
		{"customer_id": {"cus_northwind"}, "search": {"a"}},
		{"customer_id": {"cus_northwind"}, "dataset_type": {"invoice"}},
	} {
		other.Set("cursor", cursor)
		rec := h.get(datasetsPath + "?" + other.Encode())
		if rec.Code != http.StatusBadRequest || !strings.Contains(detailOf(t, rec), "different filters") {
			t.Errorf("cursor reused with %v: %d %s, want 400 different filters", other, rec.Code, rec.Body)
		}
	}
	// The search is normalised before binding: case and padding do not matter.
	first := h.list(url.Values{"search": {"Steel"}, "limit": {"1"}})
	if page := h.list(url.Values{"search": {" steel "}, "cursor": {first.NextCursor}}); len(page.Data) == 0 {
		t.Error("a cursor from search=Steel was refused for search=' steel '")
	}
}

func TestCursorsExpireAfterTheirLifetime(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.CursorLifetime = 2 * time.Hour })
	cursor := h.list(url.Values{"limit": {"3"}}).NextCursor
	next := url.Values{"limit": {"3"}, "cursor": {cursor}}

	h.clock.Advance(2*time.Hour - time.Second)
	if rec := h.get(datasetsPath + "?" + next.Encode()); rec.Code != http.StatusOK {
		t.Fatalf("a cursor one second before expiry: %d %s", rec.Code, rec.Body)
	}
	h.clock.Advance(time.Second)
	rec := h.get(datasetsPath + "?" + next.Encode())
	if rec.Code != http.StatusBadRequest || !strings.Contains(detailOf(t, rec), "cursor expired") {
		t.Fatalf("an expired cursor: %d %s, want 400 with \"cursor expired\"", rec.Code, rec.Body)
	}
}

func TestPagesDoNotShiftWhenProcessingDatasetsComplete(t *testing.T) {
	h := newHarness(t, nil)
	q := url.Values{"search": {"."}, "limit": {"10"}}
	var seen []string
	// Bounded: a cursor that never ends the listing fails the test rather
	// than hanging it. The corpus has fewer datasets than 1 000 pages of 10.
	for pages := 0; ; pages++ {
		if pages == 1000 {
			t.Fatalf("still paging after %d pages", pages)
		}
		page := h.list(q)
		seen = append(seen, ids(page.Data)...)
		if page.NextCursor == "" {
			break
		}
		q.Set("cursor", page.NextCursor)
		h.clock.Advance(2 * time.Second) // datasets complete while we page
	}
	unique := slices.Clone(seen)
	slices.Sort(unique)
	if len(slices.Compact(unique)) != len(seen) {
		t.Error("a dataset was listed twice while others completed")
	}
}
