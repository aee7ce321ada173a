package config

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// keyPlace is where a key sits in the file and what kind of value it has.
type keyPlace struct {
	Line, Column int
	Kind         unstable.Kind // of the value; Table for a [table] header
}

// indexKeys maps each dotted key in doc to its place, so that errors found
// after decoding (a value out of range, say) can still name a line. It reads
// doc with go-toml's own parser and stops quietly at a syntax error, which
// the decoder reports.
func indexKeys(doc []byte) map[string]keyPlace {
	places := map[string]keyPlace{}
	var p unstable.Parser
	p.Reset(doc)
	var table []string
	for p.NextExpression() {
		expr := p.Expression()
		switch expr.Kind {
		case unstable.Table, unstable.ArrayTable:
			var first *unstable.Node
			table, first = keyParts(expr, nil)
			places[strings.Join(table, ".")] = place(&p, first, unstable.Table)
		case unstable.KeyValue:
			indexKeyValue(&p, places, table, expr)
		}
	}
	return places
}

// indexKeyValue records a key = value line under table, and the keys of an
// inline table value under it.
func indexKeyValue(p *unstable.Parser, places map[string]keyPlace, table []string, kv *unstable.Node) {
	parts, first := keyParts(kv, table)
	value := kv.Value()
	places[strings.Join(parts, ".")] = place(p, first, value.Kind)
	if value.Kind == unstable.InlineTable {
		for it := value.Children(); it.Next(); {
			if child := it.Node(); child.Kind == unstable.KeyValue {
				indexKeyValue(p, places, parts, child)
			}
		}
	}
}

// keyParts returns prefix followed by the parts of n's key, and the node of
// the key's first part.
func keyParts(n *unstable.Node, prefix []string) ([]string, *unstable.Node) {
	parts := append([]string(nil), prefix...)
	var first *unstable.Node
	for it := n.Key(); it.Next(); {
		if first == nil {
			first = it.Node()
		}
		parts = append(parts, string(it.Node().Data))
	}
	return parts, first
}

func place(p *unstable.Parser, keyNode *unstable.Node, kind unstable.Kind) keyPlace {
	if keyNode == nil {
		return keyPlace{Kind: kind}
	}
	start := p.Shape(keyNode.Raw).Start
	return keyPlace{Line: start.Line, Column: start.Column, Kind: kind}
}

// tomlKindName says what a value of kind k is, for "want X, got Y".
func tomlKindName(k unstable.Kind) string {
	switch k {
	case unstable.String:
		return "a string"
	case unstable.Integer:
		return "an integer"
	case unstable.Float:
		return "a float"
	case unstable.Bool:
		return "a boolean"
	case unstable.Array:
		return "an array"
	case unstable.Table, unstable.InlineTable, unstable.ArrayTable:
		return "a table"
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		return "a date or time"
	}
	return "something else"
}

// kindFits reports whether a value of kind k can fill a key of shape s.
func kindFits(k unstable.Kind, s valueShape) bool {
	switch s.kind {
	case "string":
		return k == unstable.String
	case "integer":
		return k == unstable.Integer
	case "float":
		return k == unstable.Float || k == unstable.Integer
	case "table":
		return k == unstable.Table || k == unstable.InlineTable
	}
	return false
}

var (
	tableHeader = regexp.MustCompile(`^\s*\[\[?\s*([A-Za-z0-9_.\-"' ]+?)\s*\]\]?\s*(#.*)?$`)
	keyAssign   = regexp.MustCompile(`^\s*["']?([A-Za-z0-9_\-.]+)["']?\s*=`)
)

// keyOnLine guesses the dotted key assigned on a line of doc, for syntax
// errors, where the parser gives a position but no key. It is a line-based
// guess (a multi-line string could fool it), good enough to point the user
// at the right key; "" when the line assigns nothing.
func keyOnLine(doc []byte, line int) string {
	lines := bytes.Split(doc, []byte("\n"))
	if line < 1 || line > len(lines) {
		return ""
	}
	m := keyAssign.FindSubmatch(lines[line-1])
	if m == nil {
		return ""
	}
	key := string(m[1])
	for i := line - 2; i >= 0; i-- {
		if h := tableHeader.FindSubmatch(lines[i]); h != nil {
			table := strings.NewReplacer(`"`, "", `'`, "", " ", "").Replace(string(h[1]))
			return table + "." + key
		}
	}
	return key
}
