package common

import (
	"strings"

	"github.com/dxdash/dxdash/termtext"
)

func (f Filters) Active() bool { return FilterKeyOf(f) != FilterKey{} }

// ActiveFilters names only the filters that narrow: "type:invoice ·
// verified:yes".
func ActiveFilters(f Filters) string {
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

// DescribeFilters is the header's account of the filters: the ones that
// narrow (activeFilters), with "verified:any" beside them, or "all
// datasets" when none does.
func DescribeFilters(f Filters) string {
	active := ActiveFilters(f)
	switch {
	case active == "":
		return "all datasets"
	case f.IsVerified == nil:
		return active + " · verified:any"
	}
	return active
}

// FilterKey is Filters made comparable, for map keys.
type FilterKey struct {
	CustomerID  string
	DatasetType string
	Verified    int8 // 0 any, 1 true, -1 false
}

func FilterKeyOf(f Filters) FilterKey {
	k := FilterKey{CustomerID: f.CustomerID, DatasetType: f.DatasetType}
	switch {
	case f.IsVerified == nil:
	case *f.IsVerified:
		k.Verified = 1
	default:
		k.Verified = -1
	}
	return k
}

func (k FilterKey) AsFilters() Filters {
	f := Filters{CustomerID: k.CustomerID, DatasetType: k.DatasetType}
	if k.Verified != 0 {
		v := k.Verified > 0
		f.IsVerified = &v
	}
	return f
}
