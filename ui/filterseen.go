package ui

import (
	"slices"

	"github.com/dxdash/dxdash/termtext"
)

// seenValues are the customers and dataset types among rows on hand: the
// filter panel suggests them.
type seenValues struct {
	customers map[string]bool
	types     map[string]bool
}

func newSeenValues() seenValues {
	return seenValues{customers: make(map[string]bool), types: make(map[string]bool)}
}

func (s seenValues) addRows(rows []row) {
	for i := range rows {
		r := &rows[i]
		if r.customer != "" {
			s.customers[r.customer] = true
		}
		if r.docType != "" {
			s.types[r.docType] = true
		}
	}
}

// addFilters counts the values of active filters as seen: a filter set in
// the config must be offered even when no row shows it yet.
func (s seenValues) addFilters(f Filters) {
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
