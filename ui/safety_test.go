package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/dxdash/dxdash/client"
	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// hostile is server text meant to break the screen: escape sequences
// (clear screen, clipboard write, window title, 8-bit CSI), bidi overrides,
// wide CJK and emoji sequences, control characters and invalid UTF-8.
var hostile = []string{
	"\x1b[2J\x1b[Hcleared.pdf",
	"clip\x1b]52;c;cm0gLXJmIH4=\x07board.pdf",
	"title\x1b]0;pwned\x1b\\.pdf",
	"\u202etxt.exe\u202c.pdf",
	"請求書-東京-二〇二六年四月分-株式会社ノースウィンド.pdf",
	"🧾 receipt 👩‍👩‍👧‍👦 family 🇯🇵.jpg",
	"tab\there\nnewline\rcr\x00nul\x07bel.pdf",
	"c1\u009b31mred\u009d0;x\u009c.pdf",
	"bad\xff\xfeutf8.pdf",
	strings.Repeat("W", 300),
}

func hostileCorpus() []client.Dataset {
	data := uitest.Corpus(len(hostile) * 3)
	for i := range data {
		h := hostile[i%len(hostile)]
		data[i].DocumentName = h
		data[i].CustomerID = hostile[(i+3)%len(hostile)]
		data[i].DatasetType = hostile[(i+5)%len(hostile)]
		if i%4 == 0 {
			data[i].ID = fmt.Sprintf("ds_%d\x1b[31m%s", i, hostile[(i+1)%len(hostile)])
		}
		data[i].Fields = []client.Field{
			{Name: hostile[(i+2)%len(hostile)], Value: client.StringValue(hostile[(i+4)%len(hostile)]), Confidence: 0.3},
			{Name: "total", Confidence: 0.9},
		}
		data[i].GroundTruth = []client.GroundTruth{{Name: "total", Value: client.StringValue(hostile[(i+6)%len(hostile)])}}
		data[i].Accuracy.FieldScores = map[string]float64{"total": 0.5}
		if i%5 == 0 {
			data[i].Status = "\x1b]8;;http://evil\x07processing\x1b]8;;\x07"
		}
	}
	return data
}

// assertNoForeignEscapes fails on any escape sequence but the SGR styles
// the views write themselves, on C0/C1 controls other than newline, on
// bidi controls and on invalid UTF-8.
func assertNoForeignEscapes(t *testing.T, view string) {
	t.Helper()
	if !utf8.ValidString(view) {
		t.Fatalf("invalid UTF-8 on screen")
	}
	for i := 0; i < len(view); i++ {
		b := view[i]
		if b == 0x1b {
			j := i + 1
			if j >= len(view) || view[j] != '[' {
				t.Fatalf("non-CSI escape at %d: %q", i, view[i:min(i+20, len(view))])
			}
			j++
			for j < len(view) && (view[j] >= '0' && view[j] <= '9' || view[j] == ';' || view[j] == ':') {
				j++
			}
			if j >= len(view) || view[j] != 'm' {
				t.Fatalf("non-SGR sequence at %d: %q", i, view[i:min(i+20, len(view))])
			}
			i = j
			continue
		}
		if b < 0x20 && b != '\n' || b == 0x7f {
			t.Fatalf("control byte %#x on screen at %d", b, i)
		}
	}
	for _, r := range view {
		if r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("control rune %U on screen", r)
		}
	}
}

func TestHostileStringsStayInTheirCells(t *testing.T) {
	run(t, func(t *testing.T) {
		data := hostileCorpus()
		api := uitest.NewAPI(data)
		h := newHarness(t, api, common.Options{Title: "evil\x1b[5mhost", DefaultFilters: common.Filters{CustomerID: "cus_\x1b]0;x\x07"}}, 120, 30)
		defer h.close()
		for _, size := range [][2]int{{120, 30}, {60, 10}, {80, 24}, {200, 50}, {73, 17}} {
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			for _, sort := range []string{"", "s", "s"} {
				if sort != "" {
					h.press(sort)
				}
				view := h.view()
				assertFits(t, view, size[0], size[1])
				assertNoForeignEscapes(t, view)
			}
		}
		// The detail view of each hostile row, and the error line.
		for i := range data {
			h.press("esc", "g")
			for range i {
				h.press("j")
			}
			h.press("enter")
			view := h.view()
			assertFits(t, view, 73, 17)
			assertNoForeignEscapes(t, view)
		}
	})
}

func TestHostileErrorText(t *testing.T) {
	run(t, func(t *testing.T) {
		api := uitest.NewAPI(uitest.Corpus(100))
		api.Get = func(_ context.Context, id string) (client.Dataset, error) {
			return client.Dataset{}, &client.APIError{StatusCode: 502, Detail: "\x1b[2Jgone", RequestID: "req_\x1b]0;t\x07abc"}
		}
		h := newHarness(t, api, common.Options{}, 80, 24)
		defer h.close()
		h.press("enter")
		view := h.view()
		assertFits(t, view, 80, 24)
		assertNoForeignEscapes(t, view)
		if !strings.Contains(view, "server error 502 · request req_abc") {
			t.Fatalf("error line lacks the sanitized request id:\n%s", view)
		}
	})
}
