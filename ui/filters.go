package ui

import (
	"strings"

	"github.com/dxdash/dxdash/termtext"
)

func (f Filters) active() bool { return filterKeyOf(f) != filterKey{} }

// activeFilters names only the filters that narrow: "type:invoice ·
// verified:yes".
func activeFilters(f Filters) string {
	var parts []string
	if f.DatasetType != "" {
		parts = append(parts, "type:"+termtext.Sanitize(f.DatasetType))
	}
	if f.CustomerID != "" {
		parts = append(parts, "customer:"+termtext.Sanitize(f.CustomerID))
	}
	switch {
	case f.IsVerified == nil:
	case *f.IsVerified:
		parts = append(parts, "verified:yes")
	default:
		parts = append(parts, "verified:no")
	}
	return strings.Join(parts, " · ")
}

// describeFilters is the header's account of the filters: the ones that
// narrow (activeFilters), with "verified:any" beside them, or "all
// datasets" when none does.
func describeFilters(f Filters) string {
	active := activeFilters(f)
	switch {
	case active == "":
		return "all datasets"
	case f.IsVerified == nil:
		return active + " · verified:any"
	}
	return active
}

// filterKey is Filters made comparable, for map keys.
type filterKey struct {
	customerID  string
	datasetType string
	verified    int8 // 0 any, 1 true, -1 false
}

func filterKeyOf(f Filters) filterKey {
	k := filterKey{customerID: f.CustomerID, datasetType: f.DatasetType}
	switch {
	case f.IsVerified == nil:
	case *f.IsVerified:
		k.verified = 1
	default:
		k.verified = -1
	}
	return k
}

func (k filterKey) asFilters() Filters {
	f := Filters{CustomerID: k.customerID, DatasetType: k.datasetType}
	if k.verified != 0 {
		v := k.verified > 0
		f.IsVerified = &v
	}
	return f
}
