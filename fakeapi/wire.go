package fakeapi

import (
	"time"

	"github.com/dxdash/dxdash/client"
)

// The JSON the API sends, exactly as api-reference Part 2 shapes it. These
// are the package's own structs so that the wire format does not depend on
// how the client decodes it.

type errorJSON struct {
	Detail string `json:"detail"`
}

type pageJSON struct {
	Data       []datasetSummaryJSON `json:"data"`
	NextCursor *string              `json:"next_cursor"`
}

// datasetJSON is what list items and details share.
type datasetJSON struct {
	ID           string `json:"id"`
	DocumentName string `json:"document_name"`
	CustomerID   string `json:"customer_id"`
	DatasetType  string `json:"dataset_type"`
	Status       string `json:"status"`
	IsVerified   bool   `json:"is_verified"`
	PageCount    int    `json:"page_count"`
	CreatedAt    string `json:"created_at"`
	UpdatedAt    string `json:"updated_at"`
}

// datasetSummaryJSON is a list item: no fields, line items or ground truth;
// accuracy reduced to the overall score.
type datasetSummaryJSON struct {
	datasetJSON
	Accuracy      *overallJSON `json:"accuracy"`
	FieldCount    int          `json:"field_count"`
	MinConfidence *float64     `json:"min_confidence"`
}

type overallJSON struct {
	OverallAccuracy float64 `json:"overall_accuracy"`
}

type datasetDetailJSON struct {
	datasetJSON
	Fields      []fieldJSON       `json:"fields"`
	LineItems   []lineItemJSON    `json:"line_items"`
	GroundTruth []groundTruthJSON `json:"ground_truth"`
	Accuracy    *accuracyJSON     `json:"accuracy"`
}

type fieldJSON struct {
	Name        string       `json:"name"`
	Value       *string      `json:"value"`
	Type        string       `json:"type"`
	Confidence  float64      `json:"confidence"`
	BoundingBox *boundingBox `json:"bounding_box"`
}

type boundingBox struct {
	Page   int     `json:"page"`
	Left   float64 `json:"left"`
	Top    float64 `json:"top"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

type lineItemJSON struct {
	Index  int         `json:"index"`
	Fields []fieldJSON `json:"fields"`
}

type groundTruthJSON struct {
	Name  string  `json:"name"`
	Value *string `json:"value"`
}

type accuracyJSON struct {
	OverallAccuracy float64         `json:"overall_accuracy"`
	FieldScores     fieldScoresJSON `json:"field_scores"`
}

// fieldScoresJSON is the field_scores object with its keys in field order
// (header fields, then line items), as the reference example writes it,
// rather than sorted as a Go map would be.
type fieldScoresJSON []fieldScore

type fieldScore struct {
	name  string
	score float64
}

func (s fieldScoresJSON) MarshalJSON() ([]byte, error) { return appendFieldScores(nil, s), nil }

func commonWire(d client.Dataset) datasetJSON {
	return datasetJSON{
		ID: d.ID, DocumentName: d.DocumentName, CustomerID: d.CustomerID, DatasetType: d.DatasetType,
		Status: d.Status, IsVerified: d.IsVerified, PageCount: d.PageCount,
		CreatedAt: d.CreatedAt.UTC().Format(time.RFC3339), UpdatedAt: d.UpdatedAt.UTC().Format(time.RFC3339),
	}
}

func summaryWire(d client.Dataset) datasetSummaryJSON {
	s := datasetSummaryJSON{datasetJSON: commonWire(d), MinConfidence: d.MinConfidence}
	if d.FieldCount != nil {
		s.FieldCount = *d.FieldCount
	}
	if overall, ok := d.OverallAccuracy(); ok {
		s.Accuracy = &overallJSON{OverallAccuracy: overall}
	}
	return s
}

// sizeHint is about how many bytes the detail's JSON takes, so that it is
// written into one buffer without regrowing.
func (d *datasetDetailJSON) sizeHint() int {
	fields := len(d.Fields)
	for _, item := range d.LineItems {
		fields += len(item.Fields) + 1
	}
	return 512 + 200*fields + 150*len(d.GroundTruth)
}

// wireSlab holds the values a detail's fields point to in two blocks,
// rather than in an allocation each: a large document has hundreds.
type wireSlab struct {
	values []string
	boxes  []boundingBox
}

// newWireSlab makes room for n fields; pointers into it stay valid because
// it never grows past that.
func newWireSlab(n int) *wireSlab {
	return &wireSlab{values: make([]string, 0, n), boxes: make([]boundingBox, 0, n)}
}

func (s *wireSlab) field(f *fieldPair) fieldJSON {
	out := fieldJSON{Name: f.name, Type: f.typ, Confidence: f.confidence}
	if !f.extracted.IsNull() {
		s.values = append(s.values, f.extracted.String())
		out.Value = &s.values[len(s.values)-1]
	}
	if b := f.box; b != nil {
		s.boxes = append(s.boxes, boundingBox{Page: b.Page, Left: b.Left, Top: b.Top, Width: b.Width, Height: b.Height})
		out.BoundingBox = &s.boxes[len(s.boxes)-1]
	}
	return out
}

// valueWire writes a value as a JSON string, or null for nothing extracted.
func valueWire(v client.Value) *string {
	if v.IsNull() {
		return nil
	}
	s := v.String()
	return &s
}
