package client

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"
)

// Dataset statuses as the API reports them.
const (
	StatusProcessing = "processing"
	StatusComplete   = "complete"
	StatusFailed     = "failed"
)

// Dataset types the reference names; the server may send others.
const (
	TypeInvoice       = "invoice"
	TypePurchaseOrder = "purchase_order"
	TypeReceipt       = "receipt"
)

// Dataset is one extracted document. GET /datasets/{id} fills every field;
// a list item leaves Fields, LineItems and GroundTruth empty, reduces Accuracy
// to the overall score, and sets FieldCount and MinConfidence instead.
type Dataset struct {
	ID           string        `json:"id"`
	DocumentName string        `json:"document_name"`
	CustomerID   string        `json:"customer_id"`
	DatasetType  string        `json:"dataset_type"`
	Status       string        `json:"status"`
	IsVerified   bool          `json:"is_verified"`
	PageCount    int           `json:"page_count"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
	Fields       []Field       `json:"fields"`
	LineItems    []LineItem    `json:"line_items"`
	GroundTruth  []GroundTruth `json:"ground_truth"`
	// Accuracy is nil when the dataset has not been reviewed: that is
	// "not reviewed", never 0 %.
	Accuracy *Accuracy `json:"accuracy"`

	// List items only.
	FieldCount    *int     `json:"field_count"`
	MinConfidence *float64 `json:"min_confidence"` // nil while processing
}

// OverallAccuracy returns the overall score and whether there is one.
func (d Dataset) OverallAccuracy() (float64, bool) {
	if d.Accuracy == nil || d.Accuracy.OverallAccuracy == nil {
		return 0, false
	}
	return *d.Accuracy.OverallAccuracy, true
}

// Field is one extracted value.
type Field struct {
	Name        string       `json:"name"`
	Value       Value        `json:"value"`
	Type        string       `json:"type"` // string, date, amount, number, address, currency, boolean; unknown means string
	Confidence  float64      `json:"confidence"`
	BoundingBox *BoundingBox `json:"bounding_box"` // nil where nothing was located
}

// BoundingBox locates a field on a page: Page counts from 1, the rest are
// fractions of the page (0.0–1.0).
type BoundingBox struct {
	Page   int     `json:"page"`
	Left   float64 `json:"left"`
	Top    float64 `json:"top"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// LineItem is one row of a document's table of items.
type LineItem struct {
	Index  int     `json:"index"`
	Fields []Field `json:"fields"`
}

// GroundTruth is a human-verified value. Line-item fields are named
// "line_items[<index>].<name>".
type GroundTruth struct {
	Name  string `json:"name"`
	Value Value  `json:"value"`
}

// Accuracy holds the review scores. FieldScores is empty in list items.
type Accuracy struct {
	OverallAccuracy *float64           `json:"overall_accuracy"`
	FieldScores     map[string]float64 `json:"field_scores,omitempty"`
}

// ListParams are the filters and paging of GET /datasets. Zero values are
// left out of the query; Limit 0 means the server default.
type ListParams struct {
	CustomerID  string
	DatasetType string
	Search      string
	IsVerified  *bool
	Limit       int
	Cursor      string
}

// Page is one page of a listing. NextCursor is empty on the last page.
type Page struct {
	Data       []Dataset `json:"data"`
	NextCursor string    `json:"next_cursor"`
}

// LineItemFieldName is how ground truth and field scores address a line-item field.
func LineItemFieldName(index int, name string) string {
	return "line_items[" + strconv.Itoa(index) + "]." + name
}

// Value is a field value: any JSON scalar, or null for "nothing extracted".
// The zero Value is null.
type Value struct {
	text string
	kind valueKind
}

type valueKind uint8

const (
	valueNull valueKind = iota
	valueString
	valueNumber
	valueBool
	valueOther // an object or array: tolerated, kept as compact JSON text
)

// StringValue returns a non-null string value.
func StringValue(s string) Value { return Value{text: s, kind: valueString} }

// IsNull reports whether nothing was extracted.
func (v Value) IsNull() bool { return v.kind == valueNull }

// String returns the value as text; "" for null.
func (v Value) String() string { return v.text }

// UnmarshalJSON accepts any JSON value.
func (v *Value) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*v = Value{}
	case b[0] == '"':
		s, ok := plainString(b)
		if !ok {
			if err := json.Unmarshal(b, &s); err != nil {
				return err
			}
		}
		*v = Value{text: s, kind: valueString}
	case bytes.Equal(b, []byte("true")) || bytes.Equal(b, []byte("false")):
		*v = Value{text: string(b), kind: valueBool}
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*v = Value{text: string(b), kind: valueNumber}
	default:
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			return err
		}
		*v = Value{text: buf.String(), kind: valueOther}
	}
	return nil
}

// MarshalJSON writes the value back as the JSON kind it came as.
func (v Value) MarshalJSON() ([]byte, error) {
	switch v.kind {
	case valueNull:
		return []byte("null"), nil
	case valueString:
		return json.Marshal(v.text)
	default:
		return []byte(v.text), nil
	}
}

// plainString unquotes a JSON string that has no escapes, the common case,
// without a second trip through encoding/json (values are most of a
// dataset's strings). Anything else is left to json.Unmarshal.
func plainString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	inner := b[1 : len(b)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(inner) {
		return "", false // json.Unmarshal replaces the bad bytes with U+FFFD
	}
	return string(inner), true
}
