package config

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// keyPlace is where a key sits in the file and what kind of value it has.
type keyPlace struct {
	Line, Column int
	Kind         unstable.Kind // of the value; Table for a [table] header
}

// keyEntry is one key as the file writes it: a [table] header, a key =
// value line, or a key of an inline table. in is the dotted key of the
// table it is written in ("" at the top).
type keyEntry struct {
	key, in string
	place   keyPlace
}

// keyIndex is every key of a file, by dotted name and in the order
// written (an [[array]] header as often as it is repeated).
type keyIndex struct {
	places  map[string]keyPlace
	entries []keyEntry
	// syntax is the error the parser stopped at, if any; lines is where
	// each line of the file starts.
	syntax *unstable.ParserError
	lines  []int
	doc    []byte
}

// position is the line and column at which highlight, a part of the
// indexed document, starts.
func (idx keyIndex) position(highlight []byte) (line, col int) {
	// A highlight shares the document's array: the difference in capacity
	// is its offset, as go-toml itself works it out.
	offset := cap(idx.doc) - cap(highlight)
	if highlight == nil || offset < 0 || offset > len(idx.doc) {
		return 0, 0
	}
	line = sort.Search(len(idx.lines), func(i int) bool { return idx.lines[i] > offset })
	return line, offset - idx.lines[line-1] + 1
}

// indexKeys maps each dotted key in doc to its place, so that errors found
// after decoding (a value out of range, an unknown key) can name a line. It
// reads doc with go-toml's own parser and stops quietly at a syntax error,
// which the decoder reports. It takes time linear in the size of doc: a
// line is found by binary search in a table of where lines start, not by
// counting newlines from the top for every key, which made a file of
// 16 000 unknown keys take seconds.
func indexKeys(doc []byte) keyIndex {
	lines := lineStarts(doc)
	idx := keyIndex{places: map[string]keyPlace{}, lines: lines, doc: doc}
	var p unstable.Parser
	p.Reset(doc)
	var table []string
	for p.NextExpression() {
		expr := p.Expression()
		switch expr.Kind {
		case unstable.Table, unstable.ArrayTable:
			var first *unstable.Node
			table, first = keyParts(expr, nil)
			idx.add(strings.Join(table, "."), "", place(lines, first, unstable.Table))
		case unstable.KeyValue:
			idx.addKeyValue(lines, table, expr)
		}
	}
	if err, ok := p.Error().(*unstable.ParserError); ok {
		idx.syntax = err
	}
	return idx
}

func (idx *keyIndex) add(key, in string, pl keyPlace) {
	idx.places[key] = pl
	idx.entries = append(idx.entries, keyEntry{key: key, in: in, place: pl})
}

// addKeyValue records a key = value line under table, and the keys of an
// inline table value under it.
func (idx *keyIndex) addKeyValue(lines []int, table []string, kv *unstable.Node) {
	parts, first := keyParts(kv, table)
	value := kv.Value()
	idx.add(strings.Join(parts, "."), strings.Join(table, "."), place(lines, first, value.Kind))
	if value.Kind == unstable.InlineTable {
		for it := value.Children(); it.Next(); {
			if child := it.Node(); child.Kind == unstable.KeyValue {
				idx.addKeyValue(lines, parts, child)
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

// lineStarts is the offset at which each line of doc starts.
func lineStarts(doc []byte) []int {
	starts := []int{0}
	for i, c := range doc {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// place is where keyNode starts: line and column (in bytes, as go-toml
// counts them), from 1.
func place(lines []int, keyNode *unstable.Node, kind unstable.Kind) keyPlace {
	if keyNode == nil {
		return keyPlace{Kind: kind}
	}
	offset := int(keyNode.Raw.Offset)
	line := sort.Search(len(lines), func(i int) bool { return lines[i] > offset })
	return keyPlace{Line: line, Column: offset - lines[line-1] + 1, Kind: kind}
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
