package filter

import (
	"slices"

	"github.com/dxdash/dxdash/termtext"
	"github.com/dxdash/dxdash/ui/internal/common"
)

// SeenValues are the customers and dataset types among rows on hand: the
// filter panel suggests them.
type SeenValues struct {
	customers map[string]bool
	types     map[string]bool
}

func NewSeenValues() SeenValues {
	return SeenValues{customers: make(map[string]bool), types: make(map[string]bool)}
}

func (s SeenValues) AddRows(rows []common.Row) {
	for i := range rows {
		r := &rows[i]
		if r.Customer != "" {
			s.customers[r.Customer] = true
		}
		if r.DocType != "" {
			s.types[r.DocType] = true
		}
	}
}

// AddFilters counts the values of active filters as seen: a filter set in
// the config must be offered even when no row shows it yet.
func (s SeenValues) AddFilters(f common.Filters) {
	if f.CustomerID != "" {
		s.customers[termtext.Sanitize(f.CustomerID)] = true
	}
	if f.DatasetType != "" {
		s.types[termtext.Sanitize(f.DatasetType)] = true
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Customers are the customers seen, sorted.
func (s SeenValues) Customers() []string { return sortedKeys(s.customers) }

// Types are the dataset types seen, sorted.
func (s SeenValues) Types() []string { return sortedKeys(s.types) }
