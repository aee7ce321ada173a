package fakeapi

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// A small JSON writer for list pages and details. encoding/json's
// reflection was most of a request's time; these functions append the same
// bytes for the wire structs in wire.go (TestFastJSONMatchesEncodingJSON
// holds them to it), with HTML characters left unescaped as the server's
// encoder is configured.

func appendPage(b []byte, p *pageJSON) []byte {
	b = append(b, `{"data":[`...)
	for i := range p.Data {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendSummary(b, &p.Data[i])
	}
	b = append(b, `],"next_cursor":`...)
	b = appendNullableString(b, p.NextCursor)
	return append(b, '}')
}

func appendSummary(b []byte, s *datasetSummaryJSON) []byte {
	b = appendCommon(b, &s.datasetJSON)
	b = append(b, `,"accuracy":`...)
	if s.Accuracy == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"overall_accuracy":`...)
		b = appendFloat(b, s.Accuracy.OverallAccuracy)
		b = append(b, '}')
	}
	b = append(b, `,"field_count":`...)
	b = strconv.AppendInt(b, int64(s.FieldCount), 10)
	b = append(b, `,"min_confidence":`...)
	if s.MinConfidence == nil {
		b = append(b, "null"...)
	} else {
		b = appendFloat(b, *s.MinConfidence)
	}
	return append(b, '}')
}

func appendDetail(b []byte, d *datasetDetailJSON) []byte {
	b = appendCommon(b, &d.datasetJSON)
	b = append(b, `,"fields":`...)
	b = appendFields(b, d.Fields)
	b = append(b, `,"line_items":[`...)
	for i := range d.LineItems {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"index":`...)
		b = strconv.AppendInt(b, int64(d.LineItems[i].Index), 10)
		b = append(b, `,"fields":`...)
		b = appendFields(b, d.LineItems[i].Fields)
		b = append(b, '}')
	}
	b = append(b, `],"ground_truth":[`...)
	for i, t := range d.GroundTruth {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendString(b, t.Name)
		b = append(b, `,"value":`...)
		b = appendNullableString(b, t.Value)
		b = append(b, '}')
	}
	b = append(b, `],"accuracy":`...)
	if d.Accuracy == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"overall_accuracy":`...)
		b = appendFloat(b, d.Accuracy.OverallAccuracy)
		b = append(b, `,"field_scores":`...)
		b = appendFieldScores(b, d.Accuracy.FieldScores)
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendCommon opens the object and writes the keys every dataset has.
func appendCommon(b []byte, d *datasetJSON) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"document_name":`...)
	b = appendString(b, d.DocumentName)
	b = append(b, `,"customer_id":`...)
	b = appendString(b, d.CustomerID)
	b = append(b, `,"dataset_type":`...)
	b = appendString(b, d.DatasetType)
	b = append(b, `,"status":`...)
	b = appendString(b, d.Status)
	b = append(b, `,"is_verified":`...)
	b = strconv.AppendBool(b, d.IsVerified)
	b = append(b, `,"page_count":`...)
	b = strconv.AppendInt(b, int64(d.PageCount), 10)
	b = append(b, `,"created_at":`...)
	b = appendString(b, d.CreatedAt)
	b = append(b, `,"updated_at":`...)
	return appendString(b, d.UpdatedAt)
}

func appendFields(b []byte, fields []fieldJSON) []byte {
	b = append(b, '[')
	for i := range fields {
		f := &fields[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendString(b, f.Name)
		b = append(b, `,"value":`...)
		b = appendNullableString(b, f.Value)
		b = append(b, `,"type":`...)
		b = appendString(b, f.Type)
		b = append(b, `,"confidence":`...)
		b = appendFloat(b, f.Confidence)
		b = append(b, `,"bounding_box":`...)
		if box := f.BoundingBox; box == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, `{"page":`...)
			b = strconv.AppendInt(b, int64(box.Page), 10)
			b = append(b, `,"left":`...)
			b = appendFloat(b, box.Left)
			b = append(b, `,"top":`...)
			b = appendFloat(b, box.Top)
			b = append(b, `,"width":`...)
			b = appendFloat(b, box.Width)
			b = append(b, `,"height":`...)
			b = appendFloat(b, box.Height)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendFieldScores(b []byte, scores fieldScoresJSON) []byte {
	b = append(b, '{')
	for i, s := range scores {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s.name)
		b = append(b, ':')
		b = appendFloat(b, s.score)
	}
	return append(b, '}')
}

func appendNullableString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

// appendFloat writes a float as encoding/json does: the shortest decimal
// that reads back as the same number, in exponent form only when tiny or huge.
func appendFloat(b []byte, f float64) []byte {
	// Confidences and boxes have at most three decimals: for those, the
	// shortest form is the number of thousandths with trailing zeros cut,
	// and writing it directly is several times faster than the general case.
	if thousandths := math.Round(f * 1000); f >= 0 && f < 1e6 && thousandths/1000 == f {
		n := int64(thousandths)
		b = strconv.AppendInt(b, n/1000, 10)
		if frac := n % 1000; frac != 0 {
			digits := [4]byte{'.', byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
			end := 4
			for digits[end-1] == '0' {
				end--
			}
			b = append(b, digits[:end]...)
		}
		return b
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // 1e-07 becomes 1e-7
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendString writes a JSON string as encoding/json does without HTML
// escaping: control characters escaped, invalid UTF-8 replaced by U+FFFD,
// and U+2028 and U+2029 escaped for JavaScript's sake.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
