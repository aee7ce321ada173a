package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/store"
	"github.com/dxdash/dxdash/store/storetest"
)

// SearchLocal finds a stored value case-insensitively, in fields and line
// items; a dataset without a stored detail by its name or id only; and it
// keeps to the filter, newest first.
func TestSearchLocal(t *testing.T) {
	st := openMemory(t)
	defer st.Close()
	ctx := context.Background()
	items := storetest.Summaries(0, 4)
	items[3].DocumentName = "Acme-march.pdf"
	if _, err := st.PutPage(ctx, store.Page{Walk: 1, Items: items, At: storetest.T0}); err != nil {
		t.Fatal(err)
	}
	header := items[0]
	header.Fields = []client.Field{{Name: "vendor_name", Value: client.StringValue("ACME Corporation")}}
	lines := items[1]
	lines.LineItems = []client.LineItem{{Index: 0, Fields: []client.Field{{Name: "description", Value: client.StringValue("acme widgets")}}}}
	other := items[2]
	other.Fields = []client.Field{{Name: "vendor_name", Value: client.StringValue("Globex")}}
	for _, d := range []client.Dataset{header, lines, other} {
		if err := st.PutDetail(ctx, d, storetest.T0); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(rows []store.Row) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	rows, err := store.SearchLocal(ctx, st, " acme ", store.Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := st.Rows(ctx, store.Query{})
	var order []string
	for _, r := range want {
		if r.ID != other.ID {
			order = append(order, r.ID)
		}
	}
	if got := ids(rows); !slices.Equal(got, order) {
		t.Errorf("acme: %v, want %v (newest first, Globex left out)", got, order)
	}
	if rows, _ := store.SearchLocal(ctx, st, "acme", store.Filter{}, 1); len(rows) != 1 {
		t.Errorf("limit 1 gave %d", len(rows))
	}
	if rows, _ := store.SearchLocal(ctx, st, "acme", store.Filter{CustomerID: "nobody"}, 0); len(rows) != 0 {
		t.Errorf("the filter is ignored: %v", ids(rows))
	}
	if rows, _ := store.SearchLocal(ctx, st, "nothing like it", store.Filter{}, 0); len(rows) != 0 {
		t.Errorf("a query that matches nothing found %v", ids(rows))
	}
}
