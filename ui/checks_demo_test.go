package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/dxdash/dxdash/ui/internal/common"
	"github.com/dxdash/dxdash/ui/internal/styles"
	"github.com/dxdash/dxdash/ui/internal/uitest"
)

// The checks mode as the dashboard shows it over the demo (seed 1 at its
// epoch): every page of the list loaded, every verified dataset's detail
// fetched, each checked against the profile of the detail cache. The
// README quotes this table: a change to the corpus, a check or the
// profile's rule moves it; update both deliberately.
func TestDemoChecksModeFigures(t *testing.T) {
	run(t, func(t *testing.T) {
		h := newHarness(t, uitest.NewDemoAPI(), common.Options{Theme: styles.ThemeMono}, 160, 40)
		defer h.close()
		h.settle()
		h.press("S")
		for range 9 { // the list's pages of 50 after the first
			h.press("L")
		}
		h.press("6")
		view := ansi.Strip(h.view())
		if !strings.Contains(view, "details 289 of 289 · list: all 500 loaded") {
			t.Fatalf("not every verified detail is in:\n%s", view)
		}
		const want = `
CHECK                               RAN  FIRED   FIRES  PRECISION  RECALL    CAUGHT  FALSE AL.  CONF ✗ CAUGHT
line items sum to subtotal          268     39   14.6%     100.0%   94.2%     49/52       0.0%            4 ✗
subtotal + tax = total              283     16    5.7%     100.0%   94.7%     18/19       0.0%              0
subtotal + tax = amount due          44      2    4.5%     100.0%   66.7%       2/3       0.0%              0
subtotal × rate = tax                80      3    3.8%     100.0%   16.7%      5/30       0.0%            1 ✗
quantity × unit price = amount     1027     93    9.1%     100.0%   99.0%    99/100       0.0%            7 ✗
dates parse                         510      5    1.0%     100.0%   35.7%      5/14       0.0%            1 ✗
due date after issue                219      1    0.5%     100.0%   11.1%       1/9       0.0%              0
dates plausible                     505      1    0.2%     100.0%   11.1%       1/9       0.0%              0
currency is ISO 4217                289      0    0.0%          —    0.0%       0/1       0.0%              0
one currency                          0      0       —          —       —       0/0          —              0
fields of the type present          289     23    8.0%     100.0%   27.4%    29/106       0.0%              0
identifier shape as vendor's        290     10    3.4%      90.0%   75.0%      9/12       0.4%              0
any check                          3804    193    5.1%      99.5%   70.2%   186/265       0.0%            9 ✗`
		var got []string
		in := false
		for line := range strings.SplitSeq(view, "\n") {
			line = strings.TrimSpace(strings.TrimPrefix(line, "▌"))
			if strings.HasPrefix(line, "CHECK ") {
				in = true
			}
			if in {
				got = append(got, line)
			}
			if strings.HasPrefix(line, "any check") {
				break
			}
		}
		if g := "\n" + strings.Join(got, "\n"); g != want {
			t.Errorf("the checks mode over the demo reads\n%s\nwant%s", g, want)
		}
	})
}
