package review

import (
	"testing"

	"github.com/dxdash/dxdash/client"
)

func TestLineItemKeyRoundTrips(t *testing.T) {
	for _, tc := range []struct {
		index int
		name  string
		key   string
	}{
		{0, "amount", "line_items[0].amount"},
		{3, "unit_price", "line_items[3].unit_price"},
		{999_999_999, "x", "line_items[999999999].x"},
		{12, "a].b", "line_items[12].a].b"}, // the first "]." ends the index
		{1, "with space", "line_items[1].with space"},
	} {
		key := LineItemKey(tc.index, tc.name)
		if key != tc.key {
			t.Errorf("LineItemKey(%d, %q) = %q, want %q", tc.index, tc.name, key, tc.key)
		}
		if c := client.LineItemFieldName(tc.index, tc.name); c != key {
			t.Errorf("client.LineItemFieldName(%d, %q) = %q, review writes %q", tc.index, tc.name, c, key)
		}
		index, name, ok := ParseLineItemKey(key)
		if !ok || index != tc.index || name != tc.name {
			t.Errorf("ParseLineItemKey(%q) = %d, %q, %v", key, index, name, ok)
		}
	}
}

// Only what LineItemKey writes is a line-item key; anything else names a
// header field, however close it comes.
func TestParseLineItemKeyRejects(t *testing.T) {
	for _, key := range []string{
		"", "amount", "line_items", "line_items[", "line_items[]", "line_items[].amount",
		"line_items[0]", "line_items[0].", "line_items[0]amount", "line_items(0).amount",
		"line_items[-1].amount", "line_items[+1].amount", "line_items[01].amount", "line_items[ 1].amount",
		"line_items[1 ].amount", "line_items[x].amount", "line_items[1.5].amount",
		"line_items[1000000000].amount", // ten digits: past what the parser takes
		"Line_items[0].amount", " line_items[0].amount", "items[0].amount",
	} {
		if index, name, ok := ParseLineItemKey(key); ok {
			t.Errorf("ParseLineItemKey(%q) = %d, %q: want no line-item key", key, index, name)
		}
	}
}
