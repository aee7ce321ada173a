package review

import (
	"strconv"
	"strings"
)

// NoLineItem is Field.LineItem for a header field.
const NoLineItem = -1

const lineItemPrefix = "line_items["

// maxIndexDigits bounds an item index so that it always fits an int:
// a key with more digits is not a line-item key.
const maxIndexDigits = 9

// LineItemKey is how ground truth and field scores address a line-item
// field: "line_items[3].amount". client.LineItemFieldName writes the same
// (client may import nothing of ours); a test keeps the two in step.
func LineItemKey(index int, name string) string {
	return lineItemPrefix + strconv.Itoa(index) + "]." + name
}

// ParseLineItemKey splits "line_items[3].amount" into 3 and "amount". It
// accepts exactly what LineItemKey writes for an index from 0 to
// 999 999 999 and a non-empty name: no sign, no leading zero, no space. Any
// other key names a header field, however much it looks like an item.
func ParseLineItemKey(key string) (index int, name string, ok bool) {
	rest, ok := strings.CutPrefix(key, lineItemPrefix)
	if !ok {
		return 0, "", false
	}
	digits, name, ok := strings.Cut(rest, "].")
	if !ok || name == "" || digits == "" || len(digits) > maxIndexDigits {
		return 0, "", false
	}
	index, err := strconv.Atoi(digits)
	if err != nil || index < 0 || strconv.Itoa(index) != digits {
		return 0, "", false
	}
	return index, name, true
}
