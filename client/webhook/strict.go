package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The key names of a payload, at the top and inside "data". encoding/json
// matches keys without regard to case, Unicode folds included ("EVENT_ID",
// "Event_Id" and "ſtatus", with a long s, all fill the field), and takes
// the last of a key given twice; checkKeys refuses both, so that a signed
// body is read one way only. (A receiver that de-duplicates by event_id
// must see the id any other parser of the same body would see.)
var (
	topNames  = []string{"event_id", "type", "created_at", "data"}
	dataNames = []string{"dataset_id", "status"}
)

// checkKeys walks body's JSON and refuses a key given twice in an object
// (anywhere, unknown objects included) and, where the payload's names
// live, a key that differs from one of them only in case. Other unknown
// keys are fine: the API may add some.
func checkKeys(body []byte) error {
	type object struct {
		keys    map[string]struct{}
		names   []string // the exact names expected here; nil for any
		wantKey bool
	}
	// One entry per open object or array (nil for an array).
	var open []*object
	var nextNames []string // the names the object about to open holds
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return nil // malformed JSON: json.Unmarshal says how
		}
		var top *object
		if len(open) > 0 {
			top = open[len(open)-1]
		}
		if delim, ok := tok.(json.Delim); ok {
			switch delim {
			case '{':
				names := nextNames
				if len(open) == 0 {
					names = topNames
				}
				open = append(open, &object{keys: map[string]struct{}{}, names: names, wantKey: true})
			case '[':
				open = append(open, nil)
			default: // '}' or ']': the value of the enclosing object ends
				open = open[:len(open)-1]
				if len(open) > 0 && open[len(open)-1] != nil {
					open[len(open)-1].wantKey = true
				}
			}
			nextNames = nil
			continue
		}
		if top == nil || !top.wantKey {
			if top != nil {
				top.wantKey = true // a scalar value: a key comes next
			}
			continue
		}
		key := tok.(string) // the decoder only gives strings as keys
		if _, twice := top.keys[key]; twice {
			return fmt.Errorf("key %s appears twice", quoteKey(key))
		}
		top.keys[key] = struct{}{}
		for _, name := range top.names {
			if key != name && strings.EqualFold(key, name) {
				return fmt.Errorf("key %s is not %q: key names are exact", quoteKey(key), name)
			}
		}
		top.wantKey = false
		nextNames = nil
		if len(open) == 1 && key == "data" {
			nextNames = dataNames
		}
	}
}

// quoteKey quotes a key for an error, cut short: a payload may hold a key
// a megabyte long.
func quoteKey(k string) string {
	const most = 40
	if r := []rune(k); len(r) > most {
		return fmt.Sprintf("%q…", string(r[:most]))
	}
	return fmt.Sprintf("%q", k)
}
