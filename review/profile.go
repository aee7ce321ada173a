package review

import (
	"slices"
	"strings"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/match"
)

// Profile is what the datasets at hand say about one another: the header
// fields each document type always carries (from its verified datasets'
// ground truth) and the shapes of each vendor's identifiers (from every
// dataset's extraction). The presence and identifier checks read it. It is
// plain data: whoever holds the datasets (a cache, a store, an export)
// builds it with a ProfileBuilder.
type Profile struct {
	// Types: per dataset type, how many verified datasets it has and how
	// many of them carry each header field with a value.
	Types map[string]TypeProfile
	// Shapes: per vendor and identifier field, how many datasets show
	// each shape, and which datasets counted (so a dataset is compared
	// with the others, not with itself).
	Shapes map[ShapeKey]map[string]int
	// Counted is each dataset counted into Shapes, with the shapes it
	// added, by id.
	Counted map[string][]ShapeKey
}

// TypeProfile is one dataset type's verified datasets.
type TypeProfile struct {
	Verified int
	Carry    map[string]int // header field name → verified datasets whose ground truth has it
}

// ShapeKey is a vendor (its name, folded) and an identifier field.
type ShapeKey struct{ Vendor, Field string }

// Thresholds of evidence. A field is "always carried" by a type when every
// one of at least minVerified verified datasets carries it; a vendor's
// identifiers have a shape when at least minShaped of its other datasets
// show one and at least shapeShare of them the same one.
const (
	minVerified = 5
	minShaped   = 3
	shapeShare  = 0.8
)

// vendorFields name the vendor, in the order tried.
var vendorFields = []string{"vendor_name", "merchant_name"}

// identifierFields are the identifiers whose shape is the vendor's.
var identifierFields = []string{
	"invoice_number", "receipt_number", "purchase_order_number", "po_number", "vendor_tax_id", "merchant_tax_id",
}

// ProfileBuilder adds datasets one at a time. The zero value is ready.
type ProfileBuilder struct{ p Profile }

// Add counts ds. A dataset added twice counts once (the second is ignored).
func (b *ProfileBuilder) Add(ds *client.Dataset) {
	p := &b.p
	if p.Types == nil {
		p.Types = make(map[string]TypeProfile)
		p.Shapes = make(map[ShapeKey]map[string]int)
		p.Counted = make(map[string][]ShapeKey)
	}
	if _, dup := p.Counted[ds.ID]; dup {
		return
	}
	if ds.IsVerified && ds.Status == client.StatusComplete && len(ds.GroundTruth) > 0 {
		tp := p.Types[ds.DatasetType]
		if tp.Carry == nil {
			tp.Carry = make(map[string]int)
		}
		tp.Verified++
		seen := make(map[string]bool, len(ds.GroundTruth))
		for _, g := range ds.GroundTruth {
			if _, _, item := ParseLineItemKey(g.Name); item || seen[g.Name] || g.Value.IsNull() || g.Value.String() == "" {
				continue
			}
			seen[g.Name] = true
			tp.Carry[g.Name]++
		}
		p.Types[ds.DatasetType] = tp
	}
	var added []ShapeKey
	if vendor := vendorOf(ds); vendor != "" {
		for _, name := range identifierFields {
			text, ok := headerValue(ds, name)
			if !ok {
				continue
			}
			key := ShapeKey{vendor, name}
			m := p.Shapes[key]
			if m == nil {
				m = make(map[string]int)
				p.Shapes[key] = m
			}
			m[Shape(text)]++
			added = append(added, key)
		}
	}
	p.Counted[ds.ID] = added
}

// Profile is what has been added so far. The builder must not be used
// after.
func (b *ProfileBuilder) Profile() *Profile { return &b.p }

// BuildProfile profiles datasets.
func BuildProfile(datasets []client.Dataset) *Profile {
	var b ProfileBuilder
	for i := range datasets {
		b.Add(&datasets[i])
	}
	return b.Profile()
}

// Always lists the header fields every verified dataset of the type
// carries, sorted, and how many verified datasets that is; nil when there
// are too few to say.
func (p *Profile) Always(datasetType string) ([]string, int) {
	if p == nil {
		return nil, 0
	}
	tp := p.Types[datasetType]
	if tp.Verified < minVerified {
		return nil, tp.Verified
	}
	var names []string
	for name, n := range tp.Carry {
		if n == tp.Verified {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names, tp.Verified
}

// usual is the shape most of a vendor's other datasets show for an
// identifier, and how many of how many show it. own is the dataset's own
// shape when it was counted (it is taken out), else "".
func (p *Profile) usual(key ShapeKey, own string) (shape string, seen, of int) {
	if p == nil {
		return "", 0, 0
	}
	for s, n := range p.Shapes[key] {
		if s == own {
			n--
		}
		of += n
		if n > seen || (n == seen && s < shape) {
			shape, seen = s, n
		}
	}
	return shape, seen, of
}

// Shape is an identifier's shape: digits become 9, letters are kept (upper
// case), everything else as it is. "INV-2026-0412" is "INV-9999-9999"; an O
// read for a 0 ("INV-2O26-0412") shows as "INV-9O99-9999". Text past 40
// characters is cut: no identifier is that long.
func Shape(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		s = s[:40]
	}
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			b[i] = '9'
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func vendorOf(ds *client.Dataset) string {
	for _, name := range vendorFields {
		if text, ok := headerValue(ds, name); ok {
			return match.Fold(text)
		}
	}
	return ""
}

func headerValue(ds *client.Dataset, name string) (string, bool) {
	for i := range ds.Fields {
		if f := &ds.Fields[i]; f.Name == name {
			return f.Value.String(), !f.Value.IsNull() && f.Value.String() != ""
		}
	}
	return "", false
}

// presence: the header fields the type always carries are extracted.
func (c *checker) presence() {
	always, verified := c.p.Always(c.ds.DatasetType)
	r := CheckResult{Check: CheckPresence, Of: verified}
	if always == nil {
		c.add(r)
		return
	}
	// A pass read every field it names; a failure names the missing.
	r.Outcome, r.Seen = Passed, verified
	for _, name := range always {
		if _, ok := headerValue(c.ds, name); !ok {
			r.Outcome = Failed
			r.Fields, r.Values = append(r.Fields, name), append(r.Values, "")
		}
	}
	if r.Outcome == Passed {
		r.Fields = always
		r.Values = make([]string, len(always))
		for i, name := range always {
			r.Values[i], _ = headerValue(c.ds, name)
		}
	}
	c.add(r)
}

// identifiers: each identifier is shaped like the same vendor's others.
func (c *checker) identifiers() {
	vendor := vendorOf(c.ds)
	for _, name := range identifierFields {
		text, ok := headerValue(c.ds, name)
		if !ok && !c.has(name) {
			continue
		}
		r := CheckResult{Check: CheckIDShape, Fields: []string{name}, Values: []string{text}}
		if ok && vendor != "" {
			key := ShapeKey{vendor, name}
			own := Shape(text)
			counted := ""
			if c.p != nil && slices.Contains(c.p.Counted[c.ds.ID], key) {
				counted = own
			}
			shape, seen, of := c.p.usual(key, counted)
			if of >= minShaped && float64(seen) >= shapeShare*float64(of) {
				r.Expect, r.Seen, r.Of = shape, seen, of
				r.Outcome = Passed
				if own != shape {
					r.Outcome = Failed
				}
			}
		}
		c.add(r)
	}
}
